package dev.sovereign.spec.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each cross-field rule of the reference CRD and of spec.engine: one case that breaks it, one that keeps it. */
class InferenceServiceRulesTest {

    @TempDir
    Path dir;

    private static final List<Map<String, Object>> ADAPTERS = List.of(
            Map.of("name", "a", "repository", "org/a"), Map.of("name", "b", "repository", "org/b"));

    @Test
    void minReplicasAboveMaxReplicas() {
        assertThat(problems(Docs.minimal().set("spec.scaling.minReplicas", 3).set("spec.scaling.maxReplicas", 2)))
                .containsExactly("spec.scaling.minReplicas: scaling.minReplicas must be <= scaling.maxReplicas");
        assertThat(problems(Docs.minimal().set("spec.scaling.minReplicas", 2).set("spec.scaling.maxReplicas", 2))).isEmpty();
    }

    @Test
    void minReplicasAboveTheDefaultMaximum() {
        assertThat(problems(Docs.minimal().set("spec.scaling.minReplicas", 4)))
                .containsExactly("spec.scaling.minReplicas: scaling.minReplicas must be <= scaling.maxReplicas");
    }

    @Test
    void routeNeedsAHostname() {
        assertThat(problems(Docs.minimal().set("spec.route.enabled", true)))
                .containsExactly("spec.route.hostname: route.hostname is required when route.enabled is true");
        assertThat(problems(Docs.minimal().set("spec.route.enabled", true).set("spec.route.hostname", "chat"))).isEmpty();
        assertThat(problems(Docs.minimal().set("spec.route.hostname", "chat"))).isEmpty();
    }

    @Test
    void canariesNeedTheGateway() {
        Docs doc = Docs.minimal().set("spec.loraAdapters", ADAPTERS)
                .set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", 10)));
        assertThat(problems(doc)).containsExactly("spec.gateway.canaries: gateway.canaries require gateway.enabled: true");
        assertThat(problems(doc.set("spec.gateway.enabled", true))).isEmpty();
    }

    @Test
    void canaryAdapterMustBeALoraAdapter() {
        assertThat(problems(Docs.minimal().set("spec.gateway.enabled", true).set("spec.loraAdapters", ADAPTERS)
                .set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", 5),
                        Map.of("adapter", "zz", "weightPercent", 5)))))
                .containsExactly("spec.gateway.canaries[1].adapter: 'zz' is not one of loraAdapters[].name");
    }

    @Test
    void loraAdapterNamesAreDistinct() {
        assertThat(problems(Docs.minimal().set("spec.loraAdapters", List.of(ADAPTERS.get(0), ADAPTERS.get(0)))))
                .containsExactly("spec.loraAdapters[1].name: duplicate adapter name 'a'");
    }

    @Test
    void canaryWeightsLeaveTheBaseModelSomeTraffic() {
        Docs doc = Docs.minimal().set("spec.gateway.enabled", true).set("spec.loraAdapters", ADAPTERS)
                .set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", 50),
                        Map.of("adapter", "b", "weightPercent", 50)));
        assertThat(problems(doc)).containsExactly("spec.gateway.canaries: the sum of gateway.canaries[].weightPercent"
                + " must be <= 99 (the base model keeps the rest)");
        assertThat(problems(doc.set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", 50),
                Map.of("adapter", "b", "weightPercent", 49))))).isEmpty();
    }

    @Test
    void endpointPickerNeedsTheGatewayAndNoCanaries() {
        assertThat(problems(Docs.minimal().set("spec.gateway.endpointPicker.enabled", true)))
                .containsExactly("spec.gateway.endpointPicker.enabled: gateway.endpointPicker requires gateway.enabled: true");
        assertThat(problems(Docs.minimal().set("spec.gateway.enabled", true).set("spec.gateway.endpointPicker.enabled", true)
                .set("spec.loraAdapters", ADAPTERS)
                .set("spec.gateway.canaries", List.of(Map.of("adapter", "a", "weightPercent", 5)))))
                .containsExactly("spec.gateway.endpointPicker.enabled: gateway.endpointPicker cannot be combined with"
                        + " gateway.canaries");
        assertThat(problems(Docs.minimal().set("spec.gateway.enabled", true)
                .set("spec.gateway.endpointPicker.enabled", true))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-seed=1", "seed", "--seed 1", "--", "--=1", " --seed=1"})
    void engineArgMustBeOneFlagToken(String arg) {
        assertThat(problems(Docs.minimal().set("spec.engineArgs", List.of("--enforce-eager", arg))))
                .containsExactly("spec.engineArgs[1]: each engineArgs entry must be one token starting with '--'"
                        + " ('--flag' or '--flag=value')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--enforce-eager", "--seed=1", "--override-generation-config={\"temperature\": 0.6}"})
    void engineArgsThatAreFine(String arg) {
        assertThat(problems(Docs.minimal().set("spec.engineArgs", List.of(arg)))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ManagedEngineFlag.class)
    void managedFlagIsRefusedWithTheFieldToUse(ManagedEngineFlag flag) {
        String expected = "spec.engineArgs[0]: " + flag.message();
        assertThat(problems(Docs.minimal().set("spec.engineArgs", List.of(flag.flag())))).containsExactly(expected);
        assertThat(problems(Docs.minimal().set("spec.engineArgs", List.of(flag.flag() + "=x")))).containsExactly(expected);
        assertThat(flag.message()).startsWith(flag.flag() + " is managed by the platform: ")
                .doesNotEndWith(": ").doesNotContain("null");
    }

    @Test
    void denylistHasTheReference18FlagsAndTheThreeVllm025FlagsTheRendererSets() {
        // The reference's 18, plus --kv-offloading-backend/--kv-offloading-size (kvOffload) and
        // --tensor-parallel-size (gpu.count), which sov render sets for vLLM 0.25.
        assertThat(ManagedEngineFlag.values()).hasSize(21);
        assertThat(problems(Docs.minimal().set("spec.engineArgs", List.of("--models=x", "--portable")))).isEmpty();
    }

    @Test
    void externalEngineNeedsAUrlAndOnlyItTakesOne() {
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "external")))
                .containsExactly("spec.engine.url: engine.url is required when engine.kind is external");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "embedded").set("spec.engine.url", "http://x")))
                .containsExactly("spec.engine.url: engine.url is only used when engine.kind is external");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "external").set("spec.engine.url", "ftp://x")))
                .singleElement().asString().startsWith("spec.engine.url: must be an http:// or https:// URL");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "external")
                .set("spec.engine.url", "http://127.0.0.1:9000/v1"))).isEmpty();
    }

    @Test
    void processEngineNeedsACommandAndOnlyItTakesOne() {
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "process")))
                .containsExactly("spec.engine.command: engine.command is required when engine.kind is process");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "vllm").set("spec.engine.command", List.of("x"))))
                .containsExactly("spec.engine.command: engine.command is only used when engine.kind is process");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "process")
                .set("spec.engine.command", List.of("llama-server", "-m", "model.gguf")))).isEmpty();
    }

    @Test
    void deviceIsOneOfAutoCpuCudaAndOnlyForTheEmbeddedEngine() {
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "embedded").set("spec.engine.device", "gpu")))
                .singleElement().asString().startsWith("spec.engine.device: must be one of ");
        assertThat(problems(Docs.minimal().set("spec.engine.kind", "vllm").set("spec.engine.device", "cuda")))
                .containsExactly("spec.engine.device: engine.device is only used when engine.kind is embedded"
                        + " (vLLM and other servers choose their own)");
        for (String device : List.of("auto", "cpu", "cuda")) {
            assertThat(problems(Docs.minimal().set("spec.engine.kind", "embedded").set("spec.engine.device", device)))
                    .as(device).isEmpty();
        }
    }

    @Test
    void theDeviceDefaultsToCpu() {
        assertThat(Docs.valid(Docs.minimal().load(dir)).spec().engineDevice()).isEqualTo("cpu");
        assertThat(Docs.valid(Docs.minimal().set("spec.engine.kind", "embedded").set("spec.engine.device", "cuda").load(dir))
                .spec().engineDevice()).isEqualTo("cuda");
    }

    @Test
    void ruleViolationsPointAtTheLineOfTheField() {
        String yaml = """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata:
                  name: m
                spec:
                  model:
                    repository: org/m
                  engineArgs:
                    - --seed=1
                    - --port=9000
                """;
        assertThat(Docs.loadText(dir, yaml).getFirst().problems()).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(10));
    }

    private List<String> problems(Docs doc) {
        return Docs.problems(doc.load(dir));
    }
}
