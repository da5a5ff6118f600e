package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.k8s.render.Fleet;
import dev.sovereign.k8s.render.Manifests;
import dev.sovereign.k8s.render.RenderOptions;
import dev.sovereign.spec.inference.InferenceService;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The readiness latch of the AIGatewayRoute does not depend on what the route's base rule
 * points at: with the Endpoint Picker on (InferencePool backendRef) the route is withheld
 * and released exactly as with the direct Backend, and only the route is held back.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayRouteLatchTest {

    static KubernetesClient client;

    private static InferenceService model(String name, boolean picker) {
        return Fleet.parse("""
                apiVersion: cloud.ogenki.io/v1alpha1
                kind: InferenceService
                metadata: {name: %s, namespace: llm}
                spec:
                  model: {repository: Qwen/Qwen3-8B}
                  gpu: {count: 1}
                  gateway: {enabled: true, endpointPicker: {enabled: %s}}
                """.formatted(name, picker));
    }

    private static List<Object> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> o.get("kind")).toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void latchIndependentOfBackendKind(boolean picker) {
        InferenceService service = model(picker ? "picked" : "direct", picker);
        List<Map<String, Object>> objects = new Manifests(RenderOptions.defaults().withAiGateway(RenderOptions.ENVOY))
                .render(service);
        assertThat(kinds(objects)).contains(GatewayRouteLatch.ROUTE_KIND);
        assertThat(kinds(objects).contains("HelmRelease")).isEqualTo(picker);

        MapCache<Deployment> deployments = new MapCache<>();
        ClusterView view = new ClusterView(deployments, new MapCache<Job>(), new MapCache<CustomResourceDefinition>());
        List<Map<String, Object>> withheld = GatewayRouteLatch.apply(client, view, service, objects);
        assertThat(kinds(withheld)).doesNotContain(GatewayRouteLatch.ROUTE_KIND).hasSize(objects.size() - 1);

        deployments.put(new DeploymentBuilder()
                .withNewMetadata().withName(service.name()).withNamespace("llm").endMetadata()
                .withNewStatus().withReadyReplicas(1).endStatus().build());
        assertThat(GatewayRouteLatch.apply(client, view, service, objects)).isEqualTo(objects);
    }
}
