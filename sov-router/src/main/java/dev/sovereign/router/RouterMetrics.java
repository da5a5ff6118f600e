package dev.sovereign.router;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Router counters: decisions by name, decision latency histogram, blocks by reason, failures
 * (requests that fell back to the default model). The gateway renders them on /metrics with
 * {@link #writePrometheus(StringBuilder)}.
 */
public final class RouterMetrics {

    /** Upper bounds in seconds; a decision is meant to take well under 10 ms. */
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0};

    private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> blocks = new ConcurrentHashMap<>();
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);
    private final LongAdder failures = new LongAdder();
    private final LongAdder refusedOnFailure = new LongAdder();
    private final LongAdder count = new LongAdder();
    private final java.util.concurrent.atomic.DoubleAdder sumSeconds = new java.util.concurrent.atomic.DoubleAdder();

    void record(Decision d) {
        decisions.computeIfAbsent(d.decision(), k -> new LongAdder()).increment();
        if (d.blocked()) {
            blocks.computeIfAbsent(d.blockReason(), k -> new LongAdder()).increment();
        }
        if (d.fallback()) {
            failures.increment();
        }
        double seconds = d.latencyMs() / 1000;
        int i = 0;
        while (i < BUCKETS.length && seconds > BUCKETS[i]) {
            i++;
        }
        buckets.incrementAndGet(i);
        count.increment();
        sumSeconds.add(seconds);
    }

    /** A request the gateway refused (503) because the router failed and it is set to fail closed. */
    public void recordRefusedOnFailure() {
        refusedOnFailure.increment();
    }

    public long refusedOnFailure() {
        return refusedOnFailure.sum();
    }

    public Map<String, Long> decisionsByName() {
        return snapshot(decisions);
    }

    public Map<String, Long> blocksByReason() {
        return snapshot(blocks);
    }

    public long failures() {
        return failures.sum();
    }

    public long decisionsTotal() {
        return count.sum();
    }

    /** Prometheus text exposition (version 0.0.4) of every router metric. */
    public void writePrometheus(StringBuilder out) {
        out.append("# HELP sov_router_decisions_total Routing decisions by decision name.\n")
                .append("# TYPE sov_router_decisions_total counter\n");
        decisionsByName().forEach((k, v) -> out.append("sov_router_decisions_total{decision=\"").append(escape(k))
                .append("\"} ").append(v).append('\n'));
        out.append("# HELP sov_router_blocks_total Requests blocked by the router, by reason.\n")
                .append("# TYPE sov_router_blocks_total counter\n");
        blocksByReason().forEach((k, v) -> out.append("sov_router_blocks_total{reason=\"").append(escape(k))
                .append("\"} ").append(v).append('\n'));
        out.append("# HELP sov_router_failures_total Router failures that fell back to the default model.\n")
                .append("# TYPE sov_router_failures_total counter\n")
                .append("sov_router_failures_total ").append(failures()).append('\n');
        out.append("# HELP sov_router_fail_closed_total Requests refused because the router failed and failClosed is on.\n")
                .append("# TYPE sov_router_fail_closed_total counter\n")
                .append("sov_router_fail_closed_total ").append(refusedOnFailure()).append('\n');
        out.append("# HELP sov_router_decision_duration_seconds Time to compute all signals and the decision.\n")
                .append("# TYPE sov_router_decision_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += buckets.get(i);
            out.append("sov_router_decision_duration_seconds_bucket{le=\"").append(bound(BUCKETS[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += buckets.get(BUCKETS.length);
        out.append("sov_router_decision_duration_seconds_bucket{le=\"+Inf\"} ").append(cumulative).append('\n')
                .append("sov_router_decision_duration_seconds_sum ").append(sumSeconds.sum()).append('\n')
                .append("sov_router_decision_duration_seconds_count ").append(cumulative).append('\n');
    }

    /** A bucket bound as a plain decimal: Java writes 0.0005 as 5.0E-4, which dashboards matching le="0.0005" miss. */
    static String bound(double seconds) {
        return seconds < 1e-3 ? java.math.BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() : Double.toString(seconds);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
