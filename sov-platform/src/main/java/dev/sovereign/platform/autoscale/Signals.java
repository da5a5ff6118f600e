package dev.sovereign.platform.autoscale;

import java.util.Collection;

/**
 * A model's load as the reference triggers read it: the largest value over its replicas
 * ({@code max(vllm:num_requests_running)} and so on), not the sum.
 */
public record Signals(double running, double waiting, double kvCacheUsage) {

    public static final Signals IDLE = new Signals(0, 0, 0);

    /** Per-replica signals, combined. */
    public static Signals maxOf(Collection<Signals> replicas) {
        double running = 0;
        double waiting = 0;
        double kv = 0;
        for (Signals s : replicas) {
            running = Math.max(running, s.running);
            waiting = Math.max(waiting, s.waiting);
            kv = Math.max(kv, s.kvCacheUsage);
        }
        return new Signals(running, waiting, kv);
    }
}
