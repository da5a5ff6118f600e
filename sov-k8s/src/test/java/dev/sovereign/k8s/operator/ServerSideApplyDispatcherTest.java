package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * The test double the operator tests stand on behaves as an API server would in what they
 * rely on: apply creates, a field one manager stops applying goes, a field another writer set
 * stays, and a Job's template cannot change.
 */
class ServerSideApplyDispatcherTest extends OnApplyingMockServer {

    @Test
    void aFieldTheManagerStopsApplyingGoesOneSetByAnotherWriterStays() {
        apply(config("a", "1", "b", "2"));
        ConfigMap edited = mock.client().configMaps().inNamespace("ssa").withName("cm").get();
        edited.getData().put("theirs", "x");
        mock.client().configMaps().inNamespace("ssa").resource(edited).update();

        apply(config("a", "1"));
        ConfigMap now = mock.client().configMaps().inNamespace("ssa").withName("cm").get();
        assertThat(now.getData()).containsEntry("a", "1").containsEntry("theirs", "x").doesNotContainKey("b");
        assertThat(now.getMetadata().getManagedFields()).extracting(e -> e.getManager())
                .contains("sovereign-operator", "kubectl-edit");
    }

    @Test
    void aJobsTemplateCannotChange() {
        mock.client().batch().v1().jobs().inNamespace("ssa").resource(job("busybox:1")).fieldManager("sovereign-operator")
                .forceConflicts().serverSideApply();
        assertThatThrownBy(() -> mock.client().batch().v1().jobs().inNamespace("ssa").resource(job("busybox:2"))
                .fieldManager("sovereign-operator").forceConflicts().serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
        Job unchanged = mock.client().batch().v1().jobs().inNamespace("ssa").withName("j").get();
        assertThat(unchanged.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("busybox:1");
    }

    private static void apply(ConfigMap config) {
        mock.client().configMaps().inNamespace("ssa").resource(config).fieldManager("sovereign-operator")
                .forceConflicts().serverSideApply();
    }

    private static ConfigMap config(String... pairs) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ssa")
                .endMetadata();
        for (int i = 0; i < pairs.length; i += 2) {
            builder.addToData(pairs[i], pairs[i + 1]);
        }
        return builder.build();
    }

    private static Job job(String image) {
        return new JobBuilder().withNewMetadata().withName("j").withNamespace("ssa").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("c").withImage(image).endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
