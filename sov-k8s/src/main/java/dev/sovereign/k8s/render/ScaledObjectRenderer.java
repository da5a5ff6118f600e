package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.util.Map;

/**
 * The KEDA ScaledObject: three leading signals of the engine, OR-combined (KEDA scales on
 * the highest): running sequences over capacity, KV-cache use, and waiting requests. Queue
 * time and latency are lagging signals; they are alerts, not triggers.
 */
final class ScaledObjectRenderer {

    private final RenderOptions options;

    ScaledObjectRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> render(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        String model = "{model_name=\"" + service.name() + "\"}";
        return map("apiVersion", "keda.sh/v1alpha1", "kind", "ScaledObject",
                "metadata", Names.metadata(service, "scaledobject"),
                "spec", map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", service.name()),
                        "minReplicaCount", spec.scaling().minReplicas(),
                        "maxReplicaCount", spec.scaling().maxReplicas(),
                        "pollingInterval", spec.scaling().pollingIntervalSeconds(),
                        "cooldownPeriod", spec.scaling().cooldownSeconds(),
                        "triggers", list(
                                trigger("running-ratio", "max(vllm:num_requests_running" + model + ") / scalar(vector("
                                        + spec.model().maxNumSeqs() + "))", spec.scaling().runningRatioThreshold(), "0.05"),
                                trigger("kv-cache-usage", "max(vllm:kv_cache_usage_perc" + model + ")",
                                        spec.scaling().cacheUtilizationThreshold(), "0.05"),
                                trigger("queue-length", "max(vllm:num_requests_waiting" + model + ")",
                                        String.valueOf(spec.scaling().queueLengthThreshold()), "1"))));
    }

    private Map<String, Object> trigger(String name, String query, String threshold, String activation) {
        return map("type", "prometheus", "name", name, "metadata", map(
                "serverAddress", options.prometheusUrl(),
                "query", query,
                "threshold", threshold,
                "activationThreshold", activation));
    }
}
