package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.list;
import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.util.Map;

/**
 * The KEDA ScaledObject: three leading signals of the engine, OR-combined (the HPA scales on
 * the highest): running sequences over capacity, KV-cache use, and waiting requests. Queue
 * time and latency are lagging signals; they are alerts, not triggers.
 *
 * <p>The two ratios are averages over the model's pods with {@code metricType: Value}, which
 * the HPA reads as utilisation: desired = ceil(current × average / threshold), so saturated
 * pods keep adding replicas up to {@code maxReplicas}. Under KEDA's default
 * {@code AverageValue} the HPA computes ceil(metric / threshold) instead: a ratio that never
 * passes 1 could ask for at most ceil(1 / threshold) replicas. The queue is a sum, which
 * {@code AverageValue} correctly spreads: one replica per {@code threshold} waiting requests.
 * Every query is scoped to the model's namespace, so a model of the same name elsewhere does
 * not scale this one.
 */
final class ScaledObjectRenderer {

    static final String VALUE = "Value";
    static final String AVERAGE_VALUE = "AverageValue";

    private final RenderOptions options;

    ScaledObjectRenderer(RenderOptions options) {
        this.options = options;
    }

    Map<String, Object> render(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        String model = "{model_name=\"" + service.name() + "\",namespace=\"" + Names.namespace(service) + "\"}";
        return map("apiVersion", "keda.sh/v1alpha1", "kind", "ScaledObject",
                "metadata", Names.metadata(service, "scaledobject"),
                "spec", map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", service.name()),
                        "minReplicaCount", spec.scaling().minReplicas(),
                        "maxReplicaCount", spec.scaling().maxReplicas(),
                        "pollingInterval", spec.scaling().pollingIntervalSeconds(),
                        "cooldownPeriod", spec.scaling().cooldownSeconds(),
                        "triggers", list(
                                trigger("running-ratio", VALUE, "avg(vllm:num_requests_running" + model + ") / "
                                        + spec.model().maxNumSeqs(), spec.scaling().runningRatioThreshold(), "0.05"),
                                trigger("kv-cache-usage", VALUE, "avg(vllm:kv_cache_usage_perc" + model + ")",
                                        spec.scaling().cacheUtilizationThreshold(), "0.05"),
                                trigger("queue-length", AVERAGE_VALUE, "sum(vllm:num_requests_waiting" + model + ")",
                                        String.valueOf(spec.scaling().queueLengthThreshold()), "1"))));
    }

    private Map<String, Object> trigger(String name, String metricType, String query, String threshold,
                                        String activation) {
        return map("type", "prometheus", "name", name, "metricType", metricType, "metadata", map(
                "serverAddress", options.cluster().scraper().queryUrl(),
                "query", query,
                "threshold", threshold,
                "activationThreshold", activation));
    }
}
