package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.KindContexts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The applier's handling of an immutable Job on its own: a Job whose template differs but
 * whose digest annotation says otherwise (written by an older operator, or edited) is
 * refused 422 by the server and then replaced; an unchanged Job is applied in place.
 */
class ObjectApplierTest extends OnApplyingMockServer {

    @Test
    void aJobThatTheServerRefusesToPatchIsReplaced() throws Exception {
        OperatorTestCluster cluster = new OperatorTestCluster(mock, "applier-422");
        InferenceServiceResource owner = cluster.create("xplane-qwen3-8b");
        Map<String, Object> desired = job(cluster.namespace(), "busybox:1.37");
        // In the cluster: same name and digest annotation, another template (the digest cannot see it).
        GenericKubernetesResource existing = mock.client().getKubernetesSerialization()
                .convertValue(job(cluster.namespace(), "busybox:1.36"), GenericKubernetesResource.class);
        existing.getMetadata().setAnnotations(Map.of(ObjectApplier.SPEC_DIGEST, Digests.of(desired.get("spec"))));
        String oldUid = jobs().inNamespace(cluster.namespace()).resource(existing).create().getMetadata().getUid();

        ObjectApplier applier = new ObjectApplier(mock.client(), crd -> false, new OperatorMetrics());
        ObjectApplier.Outcome outcome = applier.apply(owner, applier.select(List.of(desired)));

        assertThat(outcome.replaced()).containsExactly("Job/preload");
        assertThat(mock.dispatcher().rejected()).anyMatch(p -> p.endsWith("/namespaces/applier-422/jobs/preload"));
        GenericKubernetesResource now = jobs().inNamespace(cluster.namespace()).withName("preload").get();
        assertThat(now.getMetadata().getUid()).isNotEqualTo(oldUid);
        assertThat(now.getAdditionalProperties().toString()).contains("busybox:1.37");
    }

    @Test
    void anUnchangedJobIsAppliedInPlace() throws Exception {
        OperatorTestCluster cluster = new OperatorTestCluster(mock, "applier-same");
        InferenceServiceResource owner = cluster.create("xplane-qwen3-8b");
        ObjectApplier applier = new ObjectApplier(mock.client(), crd -> false, new OperatorMetrics());
        applier.apply(owner, applier.select(List.of(job(cluster.namespace(), "busybox:1.37"))));
        String uid = jobs().inNamespace(cluster.namespace()).withName("preload").get().getMetadata().getUid();

        ObjectApplier.Outcome again = applier.apply(owner, applier.select(List.of(job(cluster.namespace(), "busybox:1.37"))));
        assertThat(again.replaced()).isEmpty();
        assertThat(again.applied()).containsExactly("Job/preload");
        assertThat(jobs().inNamespace(cluster.namespace()).withName("preload").get().getMetadata().getUid())
                .isEqualTo(uid);

        ObjectApplier.Outcome changed = applier.apply(owner,
                applier.select(List.of(job(cluster.namespace(), "busybox:1.38"))));
        assertThat(changed.replaced()).as("a new template: replaced before the server is asked").containsExactly("Job/preload");
        assertThat(mock.dispatcher().rejected()).noneMatch(p -> p.contains("/namespaces/applier-same/"));
    }

    private static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> jobs() {
        return mock.client().genericKubernetesResources(KindContexts.of("batch/v1", "Job", "jobs"));
    }

    private static Map<String, Object> job(String namespace, String image) {
        Map<String, Object> job = new HashMap<>();
        job.put("apiVersion", "batch/v1");
        job.put("kind", "Job");
        job.put("metadata", new HashMap<>(Map.of("name", "preload", "namespace", namespace)));
        job.put("spec", Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
                "containers", List.of(Map.of("name", "preload", "image", image))))));
        return job;
    }
}
