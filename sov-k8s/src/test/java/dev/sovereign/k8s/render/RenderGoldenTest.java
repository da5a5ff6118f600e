package dev.sovereign.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.schema.KindSchemas;
import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.spec.inference.InferenceService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code sov render} of the reference fleet equals the golden files, and every object passes its kind's schema. */
class RenderGoldenTest {

    private static final List<String> FLEET = List.of(
            "xplane-llamaguard3-1b", "xplane-qwen-coder-fim", "xplane-qwen-coder", "xplane-qwen3-8b");
    private static final KindSchemas SCHEMAS = new KindSchemas();

    @Test
    void renderOfTheExamplesFolderEqualsTheGoldenFile() throws IOException {
        String yaml = RenderFiles.render(List.of(Golden.root().resolve("examples")), Fleet.reference());
        Golden.check(golden("examples.yaml"), yaml);
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "cilium"})
    void everyObjectOfTheFleetPassesItsSchema(String networkPolicies) {
        for (String monitoring : List.of(RenderOptions.PROMETHEUS_OPERATOR, RenderOptions.VICTORIAMETRICS)) {
            RenderOptions options = Fleet.reference().withNetworkPolicies(networkPolicies)
                    .withMonitoring(monitoring).withAiGateway(RenderOptions.ENVOY);
            List<String> problems = new ArrayList<>();
            for (String name : FLEET) {
                for (Map<String, Object> object : new Manifests(options).render(Fleet.example(name))) {
                    problems.addAll(SCHEMAS.problems(object));
                }
            }
            assertThat(problems).as("%s + %s", networkPolicies, monitoring).isEmpty();
        }
    }

    @Test
    void ciliumVictoriaMetricsAndEnvoyVariantEqualsItsGoldenFile() throws IOException {
        RenderOptions options = Fleet.reference().withNetworkPolicies(RenderOptions.CILIUM)
                .withMonitoring(RenderOptions.VICTORIAMETRICS).withAiGateway(RenderOptions.ENVOY);
        InferenceService coder = Fleet.example("xplane-qwen-coder");
        Golden.check(golden("xplane-qwen-coder.cilium-victoriametrics-envoy.yaml"),
                ManifestYaml.write(new Manifests(options).render(coder)));
    }

    @Test
    void schemaCheckRejectsAWrongObject() {
        Map<String, Object> scaledObject = new Manifests(Fleet.reference())
                .render(Fleet.example("xplane-qwen3-8b")).stream()
                .filter(o -> "ScaledObject".equals(o.get("kind"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) scaledObject.get("spec");
        spec.put("minReplicas", 1);
        assertThat(SCHEMAS.problems(scaledObject)).isNotEmpty();
        Map<String, Object> deployment = new Manifests(Fleet.reference())
                .render(Fleet.example("xplane-qwen3-8b")).get(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> deploymentSpec = (Map<String, Object>) deployment.get("spec");
        deploymentSpec.put("replica", 2);
        assertThat(SCHEMAS.problems(deployment)).anyMatch(p -> p.contains("replica"));
    }

    private static Path golden(String name) {
        return Golden.root().resolve("sov-k8s/src/test/resources/golden/" + name);
    }
}
