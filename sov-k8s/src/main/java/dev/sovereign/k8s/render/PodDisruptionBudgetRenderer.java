package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import java.util.Map;

/**
 * A PodDisruptionBudget for models that keep two or more replicas: a node drain then takes
 * them down one at a time instead of all at once. With fewer replicas a budget would either
 * block every drain (one replica, none may go) or protect nothing, so none is rendered.
 */
final class PodDisruptionBudgetRenderer {

    static final int MIN_REPLICAS = 2;

    private PodDisruptionBudgetRenderer() {
    }

    static boolean wanted(InferenceService service) {
        return service.spec().scaling().minReplicas() >= MIN_REPLICAS;
    }

    static Map<String, Object> render(InferenceService service) {
        return map("apiVersion", "policy/v1", "kind", "PodDisruptionBudget",
                "metadata", Names.metadata(service, "pdb"),
                "spec", map(
                        "maxUnavailable", 1,
                        "selector", map("matchLabels", Names.labels(service, Names.INFERENCE))));
    }
}
