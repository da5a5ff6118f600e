package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec.Canary;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For clusters that keep Envoy AI Gateway as the front door: a Backend pointing at the
 * model's Service, one AIServiceBackend for the base model and one per canary, and an
 * AIGatewayRoute that splits the base model's traffic by weight (the base keeps 100 minus
 * the canaries' share), or hands it to the model's InferencePool when the Endpoint Picker is
 * on (the spec rules out canaries then), and pins each adapter's own name to the base Deployment.
 */
final class EnvoyAiGatewayRenderer {

    static final String MODEL_HEADER = "x-ai-eg-model";
    static final String GATEWAY = "ai-gateway";
    static final String GATEWAY_NAMESPACE = "envoy-ai-gateway-system";

    /** With {@code pool} the base model's traffic goes to its InferencePool, whose picker chooses the pod. */
    List<Map<String, Object>> render(InferenceService service, boolean pool) {
        String name = service.name();
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(map("apiVersion", "gateway.envoyproxy.io/v1alpha1", "kind", "Backend",
                "metadata", Names.metadata(service, name + "-direct", Names.INFERENCE, "backend"),
                "spec", map("endpoints", list(map("fqdn", map(
                        "hostname", name + "." + Names.namespace(service) + ".svc.cluster.local",
                        "port", Names.ENGINE_PORT))))));
        out.add(serviceBackend(service, name, "aiservicebackend"));
        List<Canary> canaries = service.spec().gateway().canaries();
        for (int i = 0; i < canaries.size(); i++) {
            out.add(serviceBackend(service, name + "-canary-" + i, "aiservicebackend-canary-" + i));
        }
        int canaryShare = canaries.stream().mapToInt(Canary::weightPercent).sum();
        List<Object> backendRefs = pool
                ? list(map("group", EndpointPicker.POOL_GROUP, "kind", "InferencePool", "name", name))
                : list(map("name", name, "weight", 100 - canaryShare));
        for (int i = 0; i < canaries.size(); i++) {
            backendRefs.add(map("name", name + "-canary-" + i, "modelNameOverride", canaries.get(i).adapter(),
                    "weight", canaries.get(i).weightPercent()));
        }
        List<Object> rules = list(map("matches", list(modelIs(name)), "backendRefs", backendRefs));
        for (LoraAdapter adapter : service.spec().loraAdapters()) {
            rules.add(map("matches", list(modelIs(adapter.name())),
                    "backendRefs", list(map("name", name, "weight", 100))));
        }
        out.add(map("apiVersion", "aigateway.envoyproxy.io/v1alpha1", "kind", "AIGatewayRoute",
                "metadata", Names.metadata(service, "aigatewayroute"),
                "spec", map(
                        "parentRefs", list(map("name", GATEWAY, "namespace", GATEWAY_NAMESPACE,
                                "kind", "Gateway", "group", "gateway.networking.k8s.io")),
                        "rules", rules)));
        return out;
    }

    private static Map<String, Object> serviceBackend(InferenceService service, String name, String suffix) {
        return map("apiVersion", "aigateway.envoyproxy.io/v1alpha1", "kind", "AIServiceBackend",
                "metadata", Names.metadata(service, name, Names.INFERENCE, suffix),
                "spec", map("schema", map("name", "OpenAI"),
                        "backendRef", map("name", service.name() + "-direct", "kind", "Backend",
                                "group", "gateway.envoyproxy.io")));
    }

    private static Map<String, Object> modelIs(String model) {
        return map("headers", list(map("type", "Exact", "name", MODEL_HEADER, "value", model)));
    }
}
