package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static dev.sovereign.k8s.yaml.Tree.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.spec.inference.InferenceService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vLLM 0.25's flags from the spec, the weights gate and the disruption budget. */
class EngineArgsTest {

    private static InferenceService model(String repository, String extra) {
        return Fleet.parse("""
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: m, namespace: llm}
                spec:
                  model: {repository: %s, revision: abc123, preload: {enabled: true}}
                %s""".formatted(repository, extra));
    }

    @Test
    void twoGpusRunOneTensorParallelProcess() {
        assertThat(EngineArgs.vllm(model("org/m", "  gpu: {count: 2}\n")))
                .containsSubsequence("--tensor-parallel-size", "2");
        assertThat(EngineArgs.vllm(model("org/m", "  gpu: {count: 1}\n"))).doesNotContain("--tensor-parallel-size");
    }

    @Test
    void kvOffloadOffloadsTheKvCacheNotTheWeights() {
        List<String> args = EngineArgs.vllm(model("org/m", "  cache: {kvOffload: {enabled: true, sizeGB: 24}}\n"));
        assertThat(args).containsSubsequence("--kv-offloading-backend", "native", "--kv-offloading-size", "24")
                .doesNotContain("--cpu-offload-gb");
        assertThat(EngineArgs.vllm(model("org/m", ""))).doesNotContain("--kv-offloading-backend");
    }

    @Test
    void reasoningParserFollowsTheFamily() {
        assertThat(EngineArgs.vllm(model("Qwen/Qwen3-8B", ""))).containsSubsequence("--reasoning-parser", "qwen3");
        assertThat(EngineArgs.vllm(model("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "")))
                .containsSubsequence("--reasoning-parser", "deepseek_r1");
        assertThat(EngineArgs.reasoningParser("Qwen/QwQ-32B")).contains("deepseek_r1");
        assertThat(EngineArgs.reasoningParser("Qwen/Qwen3-Coder-30B-A3B-Instruct")).isEmpty();
        assertThat(EngineArgs.reasoningParser("Qwen/Qwen2.5-Coder-7B-Instruct")).isEmpty();
        assertThat(EngineArgs.reasoningParser("meta-llama/Llama-Guard-3-1B")).isEmpty();
        List<String> own = EngineArgs.vllm(model("Qwen/Qwen3-8B", "  engineArgs: [--reasoning-parser=deepseek_r1]\n"));
        assertThat(own).filteredOn(a -> a.startsWith("--reasoning-parser")).containsExactly("--reasoning-parser=deepseek_r1");
    }

    @Test
    void theEmbeddedEngineGetsTheToolCallAndReasoningParsersToo() {
        List<String> args = EngineArgs.embedded(Fleet.parse("""
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: m, namespace: llm}
                spec:
                  model: {repository: Qwen/Qwen3-8B, toolCallParser: hermes}
                  engine: {kind: embedded}
                """));
        assertThat(args).containsSubsequence("--tool-call-parser", "hermes").containsSubsequence("--reasoning-parser", "qwen3")
                .doesNotContain("--enable-auto-tool-choice");
        assertThat(EngineArgs.embedded(model("org/m", "  engine: {kind: embedded}\n")))
                .doesNotContain("--tool-call-parser", "--reasoning-parser");
    }

    @Test
    void theEngineWaitsForThisRevisionsWeightsAndItsAdapters() {
        InferenceService service = model("org/m", """
                  loraAdapters:
                    - {name: sql, repository: org/sql-lora, revision: r1}
                """);
        Map<String, Object> pod = mapAt(new Manifests(RenderOptions.defaults()).render(service).get(1),
                "spec", "template", "spec");
        assertThat(listAt(pod, "initContainers")).hasSize(1);
        String script = String.valueOf(at(pod, "initContainers", 0, "command", 2));
        assertThat(script).contains("/models/abc123/.preload-complete", "WANT='org/m@abc123'",
                "/models/loras/sql/adapter_config.json");
        assertThat(at(pod, "initContainers", 0, "volumeMounts", 0, "mountPath")).isEqualTo("/models");

        InferenceService noPreload = Fleet.parse("""
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: m}
                spec:
                  model: {repository: org/m, preload: {enabled: false}}
                """);
        assertThat(mapAt(new Manifests(RenderOptions.defaults()).render(noPreload).get(1), "spec", "template", "spec"))
                .doesNotContainKey("initContainers");
    }

    @Test
    void aDisruptionBudgetOnlyWhereTwoReplicasStay() {
        List<Map<String, Object>> two = new Manifests(RenderOptions.defaults())
                .render(model("org/m", "  scaling: {minReplicas: 2, maxReplicas: 4}\n"));
        Map<String, Object> pdb = two.stream().filter(o -> "PodDisruptionBudget".equals(o.get("kind"))).findFirst().orElseThrow();
        assertThat(at(pdb, "spec", "maxUnavailable")).isEqualTo(1);
        assertThat(mapAt(pdb, "spec", "selector", "matchLabels")).isEqualTo(Names.labels(model("org/m", ""), Names.INFERENCE));
        assertThat(new Manifests(RenderOptions.defaults()).render(model("org/m", "  scaling: {minReplicas: 1}\n")))
                .extracting(o -> o.get("kind")).doesNotContain("PodDisruptionBudget");
    }
}
