package dev.sovereign.k8s.render;

import static dev.sovereign.k8s.yaml.Tree.at;
import static dev.sovereign.k8s.yaml.Tree.listAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.spec.inference.InferenceService;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The replicas the HPA behind the rendered ScaledObject asks for, computed with the HPA's own
 * formula for external metrics: {@code Value}: desired = ceil(current × metric / target);
 * {@code AverageValue} (KEDA's default): desired = ceil(metric / target); no change while the
 * ratio is within the 10 % tolerance; the highest trigger wins; clamped to [min, max].
 */
class KedaReplicasTest {

    private static final double TOLERANCE = 0.1;

    private static final InferenceService MODEL = Fleet.parse("""
            apiVersion: sovereign.dev/v1alpha1
            kind: InferenceService
            metadata: {name: m, namespace: llm}
            spec:
              model: {repository: org/m, maxNumSeqs: 32}
              scaling: {minReplicas: 1, maxReplicas: 6}
            """);

    private static Map<String, Object> scaledObject(InferenceService service) {
        return new Manifests(RenderOptions.defaults()).render(service).stream()
                .filter(o -> "ScaledObject".equals(o.get("kind"))).findFirst().orElseThrow();
    }

    /** One HPA step: the replicas asked for given each trigger's query result (by trigger name). */
    static int desired(Map<String, Object> scaledObject, int current, Map<String, Double> metrics) {
        int wanted = 0;
        for (Object trigger : listAt(scaledObject, "spec", "triggers")) {
            double metric = metrics.get((String) at(trigger, "name"));
            double target = Double.parseDouble((String) at(trigger, "metadata", "threshold"));
            String type = at(trigger, "metricType") == null ? "AverageValue" : (String) at(trigger, "metricType");
            double ratio = "Value".equals(type) ? metric / target : metric / (target * current);
            int replicas = Math.abs(ratio - 1) <= TOLERANCE ? current : (int) Math.ceil(ratio * current);
            wanted = Math.max(wanted, replicas);
        }
        int min = ((Number) at(scaledObject, "spec", "minReplicaCount")).intValue();
        int max = ((Number) at(scaledObject, "spec", "maxReplicaCount")).intValue();
        return Math.max(min, Math.min(max, wanted));
    }

    /** Runs HPA steps from one replica under a load given per replica count, until the count settles. */
    private static int settle(Map<String, Object> scaledObject, IntFunction<Map<String, Double>> load) {
        int current = 1;
        for (int step = 0; step < 20; step++) {
            int next = desired(scaledObject, current, load.apply(current));
            if (next == current) {
                return current;
            }
            current = next;
        }
        return current;
    }

    @Test
    void saturatedEnginesScaleAllTheWayToMaxReplicas() {
        // Every pod full: all 32 sequences running, KV cache at 97 %, nothing waiting yet.
        int replicas = settle(scaledObject(MODEL), n -> Map.of("running-ratio", 1.0, "kv-cache-usage", 0.97, "queue-length", 0.0));
        assertThat(replicas).isEqualTo(6);
    }

    @Test
    void aLongQueueAloneAsksForOneReplicaPerThresholdOfWaitingRequests() {
        Map<String, Object> so = scaledObject(MODEL);
        double threshold = Double.parseDouble((String) at(so, "spec", "triggers", 2, "metadata", "threshold"));
        assertThat(desired(so, 1, Map.of("running-ratio", 0.0, "kv-cache-usage", 0.0, "queue-length", 3 * threshold)))
                .isEqualTo(3);
    }

    @Test
    void halfLoadedEnginesDoNotScale() {
        Map<String, Object> so = scaledObject(MODEL);
        assertThat(desired(so, 3, Map.of("running-ratio", 0.5, "kv-cache-usage", 0.4, "queue-length", 0.0))).isEqualTo(3);
        assertThat(desired(so, 3, Map.of("running-ratio", 0.1, "kv-cache-usage", 0.1, "queue-length", 0.0))).isEqualTo(1);
    }

    @Test
    void withKedasDefaultMetricTypeTheRatiosStallAtTwoReplicas() {
        // The same triggers without metricType, as rendered before: a ratio capped at 1 never asks for more than ceil(1 / 0.6).
        Map<String, Object> old = scaledObject(MODEL);
        listAt(old, "spec", "triggers").forEach(t -> ((Map<?, ?>) t).remove("metricType"));
        assertThat(settle(old, n -> Map.of("running-ratio", 1.0, "kv-cache-usage", 0.97, "queue-length", 0.0))).isEqualTo(2);
    }

    @Test
    void everyQueryIsScopedToTheModelsNamespace() {
        for (Object trigger : listAt(scaledObject(MODEL), "spec", "triggers")) {
            assertThat((String) at(trigger, "metadata", "query")).contains("model_name=\"m\",namespace=\"llm\"");
        }
        assertThat(List.of("Value", "Value", "AverageValue"))
                .isEqualTo(listAt(scaledObject(MODEL), "spec", "triggers").stream().map(t -> at(t, "metricType")).toList());
    }
}
