package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/**
 * Who changed a Deployment decides whether the operator must apply again: its own apply
 * no (that would double every edit's API calls), a user's edit yes, the HPA scaling through
 * the {@code scale} subresource no (replicas are not the operator's field).
 */
class FieldManagersTest {

    @Test
    void theLatestWriteToTheObjectItselfDecides() {
        assertThat(FieldManagers.lastWriteBy(deployment(
                entry("sovereign-operator", "Apply", "2026-12-07T10:00:00Z", null)), "sovereign-operator")).isTrue();
        assertThat(FieldManagers.lastWriteBy(deployment(
                entry("sovereign-operator", "Apply", "2026-12-07T10:00:00Z", null),
                entry("kubectl-edit", "Update", "2026-12-07T10:00:05Z", null)), "sovereign-operator")).isFalse();
        assertThat(FieldManagers.lastWriteBy(deployment(
                entry("kubectl-edit", "Update", "2026-12-07T09:00:00Z", null),
                entry("sovereign-operator", "Apply", "2026-12-07T10:00:00Z", null),
                entry("kube-controller-manager", "Update", "2026-12-07T10:01:00Z", "scale")), "sovereign-operator"))
                .as("a scale by the HPA is not an edit of the operator's fields").isTrue();
    }

    @Test
    void withoutARecordNobodyCanTellSoItIsSomeoneElse() {
        assertThat(FieldManagers.lastWriteBy(new DeploymentBuilder().withNewMetadata().withName("m").endMetadata()
                .build(), "sovereign-operator")).isFalse();
    }

    private static Deployment deployment(ManagedFieldsEntry... entries) {
        return new DeploymentBuilder().withNewMetadata().withName("m").withManagedFields(entries).endMetadata().build();
    }

    private static ManagedFieldsEntry entry(String manager, String operation, String time, String subresource) {
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withTime(time)
                .withSubresource(subresource).withApiVersion("apps/v1").withFieldsType("FieldsV1").build();
    }
}
