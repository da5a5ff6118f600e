package dev.sovereign.k8s.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.yaml.ManifestYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of core kinds catch what the API server would refuse, not only what parses. */
class KindSchemasTest {

    private final KindSchemas schemas = new KindSchemas();

    @Test
    void aValidDeploymentPasses() {
        assertThat(schemas.problems(deployment("name: engine\n        image: vllm/vllm-openai:v0.25.0"))).isEmpty();
    }

    @Test
    void aMisplacedFieldIsCaughtByTheOfficialModelsToo() {
        assertThat(schemas.problems(deployment("name: engine\n        image: x\n        gpus: 1")))
                .anySatisfy(p -> assertThat(p).contains("unknown field(s) [gpus]"))
                .anySatisfy(p -> assertThat(p).contains("Kubernetes 1.33 OpenAPI").contains("`gpus`"));
    }

    @Test
    void aMissingRequiredFieldIsCaughtByTheOfficialModels() {
        // fabric8's model has no notion of required fields; the OpenAPI says a container needs a name.
        assertThat(schemas.problems(deployment("image: x")))
                .singleElement().satisfies(p -> assertThat(p).contains("Kubernetes 1.33 OpenAPI", "name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deployment(String container) {
        return (Map<String, Object>) ManifestYaml.read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: m, namespace: llm}
                spec:
                  selector: {matchLabels: {app: m}}
                  template:
                    metadata: {labels: {app: m}}
                    spec:
                      containers:
                      - %s
                """.formatted(container));
    }
}
