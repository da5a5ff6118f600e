package dev.sovereign.platform.autoscale;

import java.util.Collection;

/**
 * A model's load as the rendered triggers read it (ADR 0119): running sequences and KV-cache use
 * averaged over the replicas that answered ({@code avg(...)}: what one more replica lowers), the
 * waiting requests summed ({@code sum(vllm:num_requests_waiting)}).
 */
public record Signals(double running, double waiting, double kvCacheUsage) {

    public static final Signals IDLE = new Signals(0, 0, 0);

    /** Per-replica signals, combined; no replica read is idle. */
    public static Signals overReplicas(Collection<Signals> replicas) {
        if (replicas.isEmpty()) {
            return IDLE;
        }
        double running = 0;
        double waiting = 0;
        double kv = 0;
        for (Signals s : replicas) {
            running += s.running;
            waiting += s.waiting;
            kv += s.kvCacheUsage;
        }
        return new Signals(running / replicas.size(), waiting, kv / replicas.size());
    }
}
