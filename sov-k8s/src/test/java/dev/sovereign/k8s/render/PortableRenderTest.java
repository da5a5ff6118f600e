package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static dev.sovereign.k8s.yaml.Tree.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.schema.KindSchemas;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.spec.inference.InferenceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering for clusters other than the reference platform's: the plain default and what a profile changes. */
class PortableRenderTest {

    private static final List<String> FLEET = List.of(
            "xplane-llamaguard3-1b", "xplane-qwen-coder-fim", "xplane-qwen-coder", "xplane-qwen3-8b");

    private static List<Map<String, Object>> render(RenderOptions options, InferenceService service) {
        return new Manifests(options).render(service);
    }

    private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow(() -> new AssertionError(kind));
    }

    private static Map<String, Object> pod(List<Map<String, Object>> objects) {
        return mapAt(one(objects, "Deployment"), "spec", "template", "spec");
    }

    @Test
    void theDefaultProfileRendersNoKarpenterNoRuntimeClassNoVmagentAndPassesEverySchema() {
        KindSchemas schemas = new KindSchemas();
        List<String> problems = new ArrayList<>();
        for (String policies : List.of(RenderOptions.STANDARD, RenderOptions.CILIUM)) {
            RenderOptions options = RenderOptions.defaults().withNetworkPolicies(policies).withAiGateway(RenderOptions.ENVOY);
            for (String name : FLEET) {
                List<Map<String, Object>> objects = render(options, Fleet.example(name));
                String yaml = ManifestYaml.write(objects);
                assertThat(yaml).as(name).doesNotContain("karpenter", "runtimeClassName", "vmagent", "vmsingle");
                objects.forEach(o -> problems.addAll(schemas.problems(o)));
            }
        }
        assertThat(problems).isEmpty();
        Map<String, Object> pod = pod(render(RenderOptions.defaults(), Fleet.example("xplane-qwen3-8b")));
        assertThat(pod).doesNotContainKey("nodeSelector");
        assertThat(listAt(pod, "tolerations")).containsExactly(Map.of("effect", "NoSchedule", "key", "nvidia.com/gpu",
                "operator", "Exists"));
    }

    @Test
    void theProfileDecidesPlacementScraperNamespacesCacheAndImages() {
        ClusterProfile profile = ClusterProfile.parse("""
                gpu:
                  nodeSelector: {cloud.example/gpu: a100}
                  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoExecute}]
                  runtimeClassName: nvidia-cdi
                namespaces: {gateway: edge, router: routing, eval: quality}
                scraper: {kind: vmagent, namespace: metrics, queryUrl: "http://vm.metrics.svc:8428"}
                modelCache: {claimName: weights}
                imageRegistry: mirror.internal:5000
                """, "test.yaml");
        List<Map<String, Object>> objects = render(RenderOptions.defaults().withCluster(profile), Fleet.example("xplane-qwen3-8b"));
        Map<String, Object> pod = pod(objects);
        assertThat(mapAt(pod, "nodeSelector")).isEqualTo(Map.of("cloud.example/gpu", "a100"));
        assertThat(at(pod, "tolerations", 0, "key")).isEqualTo("dedicated");
        assertThat(at(pod, "runtimeClassName")).isEqualTo("nvidia-cdi");
        assertThat(at(pod, "containers", 0, "image")).isEqualTo("mirror.internal:5000/vllm/vllm-openai:v0.25.0");
        assertThat(at(pod, "volumes", 0, "persistentVolumeClaim", "claimName")).isEqualTo("weights");
        assertThat(at(one(objects, "Job"), "spec", "template", "spec", "containers", 0, "image"))
                .isEqualTo("mirror.internal:5000/python:3.12-slim");
        assertThat(at(one(objects, "ScaledObject"), "spec", "triggers", 0, "metadata", "serverAddress"))
                .isEqualTo("http://vm.metrics.svc:8428");

        List<Object> from = listAt(one(objects, "NetworkPolicy"), "spec", "ingress", 0, "from");
        assertThat(namespaceOf(from, "sovereign-gateway")).isEqualTo("edge");
        assertThat(namespaceOf(from, "vllm-semantic-router")).isEqualTo("routing");
        assertThat(namespaceOf(from, "promptfoo")).isEqualTo("quality");
        List<Object> scraper = listAt(one(objects, "NetworkPolicy"), "spec", "ingress", 1, "from");
        assertThat(at(scraper, 0, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).isEqualTo("metrics");
        assertThat(at(scraper, 0, "podSelector", "matchLabels", "app.kubernetes.io/name")).isEqualTo("vmagent");
    }

    @Test
    void sovEvalPodsAreAdmittedInTheEvalNamespace() {
        List<Object> from = listAt(one(render(RenderOptions.defaults(), Fleet.example("xplane-qwen3-8b")), "NetworkPolicy"),
                "spec", "ingress", 0, "from");
        assertThat(from).anySatisfy(peer -> {
            assertThat(at(peer, "podSelector", "matchLabels", "app.kubernetes.io/component")).isEqualTo("eval");
            assertThat(at(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"))
                    .isEqualTo(ClusterProfile.plain().namespaces().eval());
        });
    }

    @Test
    void withoutAScraperNothingIsScrapedOrAdmittedForScraping() {
        RenderOptions options = RenderOptions.defaults().withCluster(ClusterProfile.parse("scraper: {kind: none}", "t.yaml"));
        List<Map<String, Object>> objects = render(options, Fleet.example("xplane-qwen3-8b"));
        assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("ServiceMonitor", "PrometheusRule");
        assertThat(listAt(one(objects, "NetworkPolicy"), "spec", "ingress")).hasSize(1);
        assertThat(render(RenderOptions.defaults(), Fleet.example("xplane-qwen3-8b")))
                .extracting(o -> o.get("kind")).contains("ServiceMonitor", "PrometheusRule");
    }

    private static Object namespaceOf(List<Object> peers, String app) {
        return peers.stream().filter(p -> app.equals(at(p, "podSelector", "matchLabels", "app.kubernetes.io/name")))
                .map(p -> at(p, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")).findFirst().orElseThrow();
    }
}
