package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/** The per-model Gateway API HTTPRoute, on the platform's private domain. */
final class RouteRenderer {

    private final RenderOptions options;

    RouteRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> render(InferenceService service) {
        return map("apiVersion", "gateway.networking.k8s.io/v1", "kind", "HTTPRoute",
                "metadata", Names.metadata(service, "httproute"),
                "spec", map(
                        "parentRefs", list(map("name", options.parentGateway(),
                                "namespace", options.parentGatewayNamespace())),
                        "hostnames", list(service.spec().route().hostname() + "." + options.privateDomain()),
                        "rules", list(map(
                                "matches", list(map("path", map("type", "PathPrefix", "value", "/"))),
                                "backendRefs", list(map("name", service.name(), "port", Names.ENGINE_PORT))))));
    }
}
