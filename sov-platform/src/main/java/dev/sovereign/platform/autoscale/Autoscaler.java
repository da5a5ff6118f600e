package dev.sovereign.platform.autoscale;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides one model's replica count from its signals, as KEDA and the HPA do with the reference
 * ScaledObject: each trigger asks for ceil(value / threshold) replicas and the largest wins; below
 * every activation threshold the model is idle and may go down to {@code minReplicas} (zero
 * included). Scaling up is immediate; scaling down takes the highest count recommended during
 * the last cooldown, so a short lull never removes a replica.
 */
public final class Autoscaler {

    private record Recommendation(long atNanos, int replicas) {
    }

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
        int recommended = recommend(signals);
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
        if (reading.nothingRead() || recommend(reading.load()) <= current) {
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

    int recommend(Signals s) {
        boolean active = s.running() / policy.maxNumSeqs() > ScalingPolicy.RUNNING_ACTIVATION
                || s.kvCacheUsage() > ScalingPolicy.CACHE_ACTIVATION
                || s.waiting() >= ScalingPolicy.QUEUE_ACTIVATION;
        if (!active) {
            return policy.minReplicas();
        }
        int byRunning = ceil(s.running() / policy.maxNumSeqs() / policy.runningRatioThreshold());
        int byCache = ceil(s.kvCacheUsage() / policy.cacheUtilizationThreshold());
        int byQueue = ceil(s.waiting() / policy.queueLengthThreshold());
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

    private static int ceil(double ratio) {
        // A value exactly at the threshold keeps the count (HPA's tolerance makes the same call).
        return (int) Math.ceil(ratio - 1e-9);
    }

    /** How long the loop waits between two decisions for this model. */
    public Duration pollingInterval() {
        return policy.pollingInterval();
    }
}
