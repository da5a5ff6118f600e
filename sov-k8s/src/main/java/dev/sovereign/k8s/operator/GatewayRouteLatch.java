package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Names;
import dev.sovereign.k8s.yaml.Tree;
import dev.sovereign.spec.inference.InferenceService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Holds back the Envoy AI Gateway route of a model until its Deployment has a ready replica,
 * so the gateway never advertises a model that cannot answer; once the route exists it is
 * kept (a latch, as in the reference composition), so a restart does not withdraw it.
 */
final class GatewayRouteLatch {

    static final String ROUTE_KIND = "AIGatewayRoute";

    private GatewayRouteLatch() {
    }

    static List<Map<String, Object>> apply(KubernetesClient client, InferenceService service,
                                           List<Map<String, Object>> objects) {
        boolean hasRoute = objects.stream().anyMatch(o -> ROUTE_KIND.equals(o.get("kind")));
        if (!hasRoute || ready(client, service) || routeExists(client, service)) {
            return objects;
        }
        return objects.stream().filter(o -> !ROUTE_KIND.equals(o.get("kind"))).toList();
    }

    private static boolean ready(KubernetesClient client, InferenceService service) {
        GenericKubernetesResource deployment = get(client, service, "Deployment");
        Object ready = deployment == null ? null : Tree.at(deployment.getAdditionalProperties(), "status", "readyReplicas");
        return ready instanceof Number n && n.intValue() > 0;
    }

    private static boolean routeExists(KubernetesClient client, InferenceService service) {
        KindCatalog.Kind route = kind(ROUTE_KIND);
        return client.apiextensions().v1().customResourceDefinitions().withName(route.crd()).get() != null
                && get(client, service, ROUTE_KIND) != null;
    }

    private static GenericKubernetesResource get(KubernetesClient client, InferenceService service, String kind) {
        return client.genericKubernetesResources(kind(kind).context()).inNamespace(Names.namespace(service))
                .withName(service.name()).get();
    }

    private static KindCatalog.Kind kind(String kind) {
        return KindCatalog.ALL.stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }
}
