package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/** The ServiceAccount and the ClusterIP Service in front of the engine pods. */
final class CoreRenderer {

    private CoreRenderer() {
    }

    static Map<String, Object> serviceAccount(InferenceService service) {
        return map("apiVersion", "v1", "kind", "ServiceAccount", "metadata", Names.metadata(service, "sa"));
    }

    static Map<String, Object> service(InferenceService service) {
        return map("apiVersion", "v1", "kind", "Service",
                "metadata", Names.metadata(service, "service"),
                "spec", map("type", "ClusterIP",
                        "selector", Names.labels(service, Names.INFERENCE),
                        "ports", list(map("name", "http", "port", Names.ENGINE_PORT, "targetPort", "http",
                                "protocol", "TCP"))));
    }
}
