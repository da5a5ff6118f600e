package dev.sovereign.platform.autoscale;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides one model's replica count from its signals, as KEDA and the HPA do with the rendered
 * ScaledObject (ADR 0119): the two ratios (running / maxNumSeqs, KV-cache use) are per-replica
 * averages read as {@code Value} metrics, so each asks for ceil(current × value / threshold), and
 * the queue is a sum read as {@code AverageValue}, asking for ceil(waiting / threshold); a ratio
 * within the HPA's 10 % tolerance keeps the count, and the largest trigger wins. Below every
 * activation threshold the model is idle and may go down to {@code minReplicas} (zero included).
 * Scaling up is immediate; scaling down takes the highest count recommended during the last
 * cooldown, so a short lull never removes a replica.
 */
public final class Autoscaler {

    private record Recommendation(long atNanos, int replicas) {
    }

    private static final double HPA_TOLERANCE = 0.1;

    private final ScalingPolicy policy;
    private final Deque<Recommendation> window = new ArrayDeque<>();

    public Autoscaler(ScalingPolicy policy) {
        this.policy = policy;
    }

    public ScalingPolicy policy() {
        return policy;
    }

    /** The replica count to run now, given the current count and the latest signals. */
    public synchronized int decide(int current, Signals signals, long nowNanos) {
        int recommended = recommend(current, signals);
        remember(recommended, nowNanos);
        if (recommended >= current) {
            return recommended;
        }
        int highest = window.stream().mapToInt(Recommendation::replicas).max().orElse(recommended);
        return Math.min(current, highest);
    }

    /**
     * The replica count to run now when some replicas' signals could not be read: on nothing read, no
     * change; on part of them, up if the replicas that answered need it, never down.
     */
    public synchronized int decide(int current, SignalReading reading, long nowNanos) {
        if (reading.complete()) {
            return decide(current, reading.load(), nowNanos);
        }
        if (reading.nothingRead() || recommend(current, reading.load()) <= current) {
            return current;
        }
        return decide(current, reading.load(), nowNanos);
    }

    /** A request arrived for a model with no replica: one is needed now and for a whole cooldown. */
    public synchronized int wake(int current, long nowNanos) {
        int wanted = Math.min(Math.max(current, 1), Math.max(1, policy.maxReplicas()));
        remember(wanted, nowNanos);
        return wanted;
    }

    int recommend(int current, Signals s) {
        double runningRatio = s.running() / policy.maxNumSeqs();
        boolean active = runningRatio > ScalingPolicy.RUNNING_ACTIVATION
                || s.kvCacheUsage() > ScalingPolicy.CACHE_ACTIVATION
                || s.waiting() >= ScalingPolicy.QUEUE_ACTIVATION;
        if (!active) {
            return policy.minReplicas();
        }
        // A model activated from zero is read as one replica, as KEDA hands 0 -> 1 to the HPA.
        int base = Math.max(1, current);
        int byRunning = hpa(base, runningRatio / policy.runningRatioThreshold());
        int byCache = hpa(base, s.kvCacheUsage() / policy.cacheUtilizationThreshold());
        int byQueue = hpa(base, s.waiting() / policy.queueLengthThreshold() / base);
        int wanted = Math.max(1, Math.max(byRunning, Math.max(byCache, byQueue)));
        return Math.clamp(wanted, Math.max(1, policy.minReplicas()), Math.max(1, policy.maxReplicas()));
    }

    private void remember(int replicas, long nowNanos) {
        window.addLast(new Recommendation(nowNanos, replicas));
        long horizon = nowNanos - policy.cooldown().toNanos();
        while (!window.isEmpty() && window.peekFirst().atNanos() < horizon) {
            window.removeFirst();
        }
    }

    /** The HPA's step: ceil(current × ratio), unless the ratio is within its 10 % tolerance of 1. */
    private static int hpa(int current, double ratio) {
        if (Math.abs(ratio - 1) <= HPA_TOLERANCE) {
            return current;
        }
        return (int) Math.ceil(current * ratio - 1e-9);
    }

    /** How long the loop waits between two decisions for this model. */
    public Duration pollingInterval() {
        return policy.pollingInterval();
    }
}
