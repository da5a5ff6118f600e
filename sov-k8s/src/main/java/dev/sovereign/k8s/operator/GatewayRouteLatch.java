package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.Names;
import dev.sovereign.spec.inference.InferenceService;
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

    static List<Map<String, Object>> apply(KubernetesClient client, ClusterView view, InferenceService service,
                                           List<Map<String, Object>> objects) {
        boolean hasRoute = objects.stream().anyMatch(o -> ROUTE_KIND.equals(o.get("kind")));
        if (!hasRoute || view.readyReplicas(Names.namespace(service), service.name()) > 0
                || routeExists(client, view, service)) {
            return objects;
        }
        return objects.stream().filter(o -> !ROUTE_KIND.equals(o.get("kind"))).toList();
    }

    private static boolean routeExists(KubernetesClient client, ClusterView view, InferenceService service) {
        KindCatalog.Kind route = KindCatalog.ALL.stream().filter(k -> k.kind().equals(ROUTE_KIND)).findFirst().orElseThrow();
        return view.crdInstalled(route.crd()) && client.genericKubernetesResources(route.context())
                .inNamespace(Names.namespace(service)).withName(service.name()).get() != null;
    }
}
