package dev.sovereign.platform.autoscale;

import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.time.Duration;

/**
 * When a model's replica count changes: the reference ScaledObject's triggers, OR-combined, on the
 * engines' own signals (running / maxNumSeqs above 0.7, KV-cache use above 0.6, waiting above 8
 * by default), its activation thresholds (0.05, 0.05, 1), its bounds, polling interval and
 * cooldown. {@code timeScale} shortens both durations (demos and tests; 1 in production).
 */
public record ScalingPolicy(int minReplicas, int maxReplicas, Duration pollingInterval, Duration cooldown,
                            double runningRatioThreshold, double cacheUtilizationThreshold, int queueLengthThreshold,
                            int maxNumSeqs) {

    static final double RUNNING_ACTIVATION = 0.05;
    static final double CACHE_ACTIVATION = 0.05;
    static final double QUEUE_ACTIVATION = 1;

    public static ScalingPolicy of(InferenceServiceSpec spec, double timeScale) {
        InferenceServiceSpec.Scaling s = spec.scaling();
        return new ScalingPolicy(s.minReplicas(), Math.max(s.maxReplicas(), s.minReplicas()),
                scaled(s.pollingIntervalSeconds(), timeScale), scaled(s.cooldownSeconds(), timeScale),
                Double.parseDouble(s.runningRatioThreshold()), Double.parseDouble(s.cacheUtilizationThreshold()),
                s.queueLengthThreshold(), spec.model().maxNumSeqs());
    }

    private static Duration scaled(int seconds, double timeScale) {
        return Duration.ofMillis(Math.max(50, Math.round(seconds * 1000 / timeScale)));
    }

    /** One replica is where a model starts, unless it may sleep at zero. */
    public int initialReplicas() {
        return minReplicas;
    }
}
