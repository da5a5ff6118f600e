package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Reads {@code metadata.managedFields}, where the API server records which manager wrote an object when. */
final class FieldManagers {

    private FieldManagers() {
    }

    /**
     * True when the latest write to the object itself (not a subresource such as {@code scale}
     * or {@code status}) was by {@code manager}. False when the server keeps no record (then
     * nobody can tell, and the caller must assume someone else).
     */
    static boolean lastWriteBy(HasMetadata object, String manager) {
        List<ManagedFieldsEntry> entries = object.getMetadata().getManagedFields();
        if (entries == null) {
            return false;
        }
        return entries.stream()
                .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
                .max(Comparator.comparing(e -> Objects.requireNonNullElse(e.getTime(), "")))
                .map(e -> manager.equals(e.getManager()))
                .orElse(false);
    }
}
