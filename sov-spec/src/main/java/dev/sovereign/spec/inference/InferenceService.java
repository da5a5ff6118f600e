package dev.sovereign.spec.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A validated InferenceService with every default filled in. */
public record InferenceService(String apiVersion, String kind, Metadata metadata, InferenceServiceSpec spec) {

    public String name() {
        return metadata.name();
    }

    /** The names clients may ask for: the model's own, then each LoRA adapter's. */
    public List<String> servedModelNames() {
        List<String> names = new ArrayList<>(List.of(name()));
        spec.loraAdapters().forEach(a -> names.add(a.name()));
        return List.copyOf(names);
    }

    /** Kubernetes object metadata. */
    public record Metadata(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
        public Metadata {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }
    }
}
