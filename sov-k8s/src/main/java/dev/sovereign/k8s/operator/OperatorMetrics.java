package dev.sovereign.k8s.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator's counters, in Prometheus' text format at {@code /metrics}. JOSDK reports
 * reconciliations through {@link Metrics}; the client's requests are counted by an
 * interceptor ({@link #apiRequestCounter()}), so the cost of a reconcile in API calls can be
 * watched in production, not only measured in tests.
 */
public final class OperatorMetrics implements Metrics {

    private final LongAdder reconciliations = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder reconcileNanos = new LongAdder();
    private final LongAdder appliedObjects = new LongAdder();
    private final LongAdder replacedObjects = new LongAdder();
    private final LongAdder prunedObjects = new LongAdder();
    private final LongAdder skippedApplies = new LongAdder();
    private final LongAdder apiRequests = new LongAdder();
    private final AtomicLong watchRequests = new AtomicLong();
    private final AtomicBoolean leader = new AtomicBoolean();

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        reconciliations.increment();
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        failures.increment();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        long started = System.nanoTime();
        try {
            return execution.execute();
        } finally {
            reconcileNanos.add(System.nanoTime() - started);
        }
    }

    void applied(int applied, int replaced) {
        appliedObjects.add(applied);
        replacedObjects.add(replaced);
    }

    void pruned(int count) {
        prunedObjects.add(count);
    }

    void skippedApply() {
        skippedApplies.increment();
    }

    void leading(boolean now) {
        leader.set(now);
    }

    public boolean leader() {
        return leader.get();
    }

    public long reconciliations() {
        return reconciliations.sum();
    }

    /** Requests the operator's client sent (watches counted once, when opened). */
    public long apiRequests() {
        return apiRequests.sum();
    }

    /** Add to the operator's client: counts every request it sends. */
    public Interceptor apiRequestCounter() {
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                apiRequests.increment();
                if (request.uri().getQuery() != null && request.uri().getQuery().contains("watch=true")) {
                    watchRequests.incrementAndGet();
                }
            }
        };
    }

    public String prometheusText() {
        StringBuilder out = new StringBuilder();
        counter(out, "sovereign_operator_reconciliations_total", "Reconciliations started.", reconciliations.sum());
        counter(out, "sovereign_operator_reconciliation_failures_total", "Reconciliations that threw.", failures.sum());
        counter(out, "sovereign_operator_reconciliation_seconds_total", "Time spent reconciling.",
                reconcileNanos.sum() / 1e9);
        counter(out, "sovereign_operator_applied_objects_total", "Objects server-side applied.", appliedObjects.sum());
        counter(out, "sovereign_operator_replaced_objects_total", "Immutable objects deleted and created again.",
                replacedObjects.sum());
        counter(out, "sovereign_operator_pruned_objects_total", "Objects deleted as no longer desired.",
                prunedObjects.sum());
        counter(out, "sovereign_operator_skipped_applies_total",
                "Reconciliations whose desired set was already applied.", skippedApplies.sum());
        counter(out, "sovereign_operator_api_requests_total", "Requests sent to the API server.", apiRequests.sum());
        counter(out, "sovereign_operator_api_watches_total", "Watches opened on the API server.", watchRequests.get());
        out.append("# HELP sovereign_operator_leader 1 while this instance holds the Lease (or runs without election).\n")
                .append("# TYPE sovereign_operator_leader gauge\n")
                .append("sovereign_operator_leader ").append(leader.get() ? 1 : 0).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, Number value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
