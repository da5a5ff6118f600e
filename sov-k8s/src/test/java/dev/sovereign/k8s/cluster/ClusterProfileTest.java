package dev.sovereign.k8s.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterProfileTest {

    private static Path example(String name) {
        return Path.of(System.getProperty("sov.root", "..")).resolve("examples/cluster").resolve(name);
    }

    @Test
    void thePlainClusterHasNoKarpenterNoRuntimeClassAndNoVmagent() {
        ClusterProfile plain = ClusterProfile.plain();
        assertThat(plain.gpu().nodeSelector()).isEmpty();
        assertThat(plain.gpu().runtimeClassName()).isNull();
        assertThat(plain.scraper().kind()).isEqualTo(ClusterProfile.PROMETHEUS_OPERATOR);
        assertThat(plain.scraper().podLabels()).containsEntry("app.kubernetes.io/name", "prometheus");
    }

    @Test
    void theCommentedPlainExampleIsWhatTheDefaultIs() {
        assertThat(ClusterProfile.load(example("plain.yaml"))).isEqualTo(ClusterProfile.plain());
        assertThat(ClusterProfile.parse("", "empty.yaml")).isEqualTo(ClusterProfile.plain());
    }

    @Test
    void theReferenceExampleHoldsThePlatformsSettings() {
        ClusterProfile reference = ClusterProfile.load(example("reference.yaml"));
        assertThat(reference.gpu().nodeSelector()).isEqualTo(Map.of("karpenter.sh/nodepool", "gpu-l4"));
        assertThat(reference.gpu().runtimeClassName()).isEqualTo("nvidia");
        assertThat(reference.gpu().tolerations()).containsExactly(ClusterProfile.gpuToleration());
        assertThat(reference.scraper()).isEqualTo(new ClusterProfile.Scraper("vmagent", "observability",
                "http://vmsingle-victoria-metrics-k8s-stack.observability.svc:8428"));
        assertThat(reference.namespaces()).isEqualTo(new ClusterProfile.Namespaces("sovereign", "", "promptfoo"));
        assertThat(reference.modelCache().storageClass()).isEqualTo("s3files-llm-models");
    }

    @Test
    void fieldsLeftOutKeepThePlainValues() {
        ClusterProfile profile = ClusterProfile.parse("gpu: {runtimeClassName: nvidia}\nscraper: {kind: none}\n", "p.yaml");
        assertThat(profile.gpu().runtimeClassName()).isEqualTo("nvidia");
        assertThat(profile.gpu().tolerations()).isEqualTo(ClusterProfile.plain().gpu().tolerations());
        assertThat(profile.scraper().present()).isFalse();
        assertThat(profile.scraper().podLabels()).isEmpty();
        assertThat(profile.namespaces()).isEqualTo(ClusterProfile.plain().namespaces());
    }

    @Test
    void theImageRegistryPrefixesEveryImage() {
        ClusterProfile mirrored = ClusterProfile.parse("imageRegistry: mirror.internal:5000/team/", "p.yaml");
        assertThat(mirrored.image("vllm/vllm-openai:v0.25.0")).isEqualTo("mirror.internal:5000/team/vllm/vllm-openai:v0.25.0");
        assertThat(ClusterProfile.plain().image("vllm/vllm-openai:v0.25.0")).isEqualTo("vllm/vllm-openai:v0.25.0");
        assertThat(ClusterProfile.parse("imageRegistry:", "p.yaml").image("a/b:1")).isEqualTo("a/b:1");
    }

    @Test
    void badFieldsAreRefusedByTheirPath() {
        Map<String, String> cases = Map.of(
                "gpu: {runtimeClass: nvidia}", "p.yaml: gpu.runtimeClass: unknown field",
                "scraper: {kind: datadog}", "p.yaml: scraper.kind: one of vmagent, prometheus-operator, none",
                "namespaces: {eval: Eval_NS}", "p.yaml: namespaces.eval: a namespace name",
                "modelCache: {size: lots}", "p.yaml: modelCache.size: a quantity",
                "gpu: {tolerations: {key: x}}", "p.yaml: gpu.tolerations: a list",
                "gpu: {nodeSelector: {pool: [a]}}", "p.yaml: gpu.nodeSelector.pool: a string",
                "scraper: {queryUrl: prometheus:9090}", "p.yaml: scraper.queryUrl: an http(s) URL",
                "clusterName: x", "p.yaml: clusterName: unknown field",
                "imageRegistry: https://mirror", "p.yaml: imageRegistry: a registry host",
                "- a list", "p.yaml: (top level): a mapping");
        cases.forEach((yaml, message) -> assertThatThrownBy(() -> ClusterProfile.parse(yaml, "p.yaml"))
                .as(yaml).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message));
    }

    @Test
    void aTolerationWithAnUnknownFieldIsRefused() {
        assertThatThrownBy(() -> ClusterProfile.parse("gpu: {tolerations: [{key: a, effects: NoSchedule}]}", "p.yaml"))
                .hasMessageStartingWith("p.yaml: gpu.tolerations[0].effects: unknown field");
        assertThat(ClusterProfile.parse("gpu: {tolerations: []}", "p.yaml").gpu().tolerations()).isEqualTo(List.of());
    }
}
