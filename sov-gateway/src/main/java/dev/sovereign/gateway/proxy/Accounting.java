package dev.sovereign.gateway.proxy;

import dev.sovereign.gateway.http.ClientAborted;
import dev.sovereign.gateway.limits.Ticket;
import dev.sovereign.gateway.metrics.GenAiMetrics;
import dev.sovereign.gateway.metrics.RequestObservation;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.usage.UsageLedger;
import dev.sovereign.gateway.usage.UsageRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Closes the books on one request: its cost from the price table, a ledger row, the GenAI metrics and the
 * settlement of its limit reservation. It runs before the answer's last bytes leave ({@link CallContext#settle()})
 * and waits for the row's commit, so a request a client saw answered is in the ledger even if the gateway is
 * killed the next moment (ADR 0132).
 */
public final class Accounting {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Accounting.class);

    private final Map<String, Price> prices;
    private final UsageLedger ledger;
    private final GenAiMetrics metrics;

    public Accounting(Map<String, Price> prices, UsageLedger ledger, GenAiMetrics metrics) {
        this.prices = prices;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public Price priceOf(String publicModel) {
        return prices.getOrDefault(publicModel, Price.FREE);
    }

    /** A client that left before its body was read: one WARN line without a stack trace, and a counter. */
    public void clientAborted(io.helidon.webserver.http.ServerRequest request, String operation, ClientAborted e) {
        metrics.clientAborted(operation);
        LOG.warn("client {} left {} {} before sending its whole body: {}", request.remotePeer().address(),
                request.prologue().method().text(), request.path().path(), e.getMessage());
    }

    public void finish(CallContext call) {
        Ticket ticket = call.ticket;
        long now = System.nanoTime();
        if (!call.usageReported && call.target != null && (call.status < 400 || call.contentEvents > 0)) {
            // The backend answered without usage, or the stream ended before it (client gone, backend cut).
            UsageEstimate.fill(call);
        }
        String model = call.publicModel == null ? String.valueOf(call.requestedModel) : call.publicModel;
        double cost = priceOf(model).cost(call.inputTokens, call.cachedInputTokens, call.outputTokens);
        if (ticket != null) {
            ticket.settle(call.inputTokens + call.outputTokens, cost);
        }
        double duration = (now - call.startNanos) / 1e9;
        String backend = call.target == null ? null : call.target.backend().name();
        String provider = call.target == null ? "openai" : call.target.backend().settings().provider();
        if (call.publicModel != null) {
            ledger.record(new UsageRecord(Instant.now(), call.key.tenant(), call.key.id(), model,
                    call.target == null ? null : call.target.upstreamModel(), backend, call.operation.metricName(), call.status,
                    call.inputTokens, call.cachedInputTokens, call.outputTokens, cost, Math.round(duration * 1000)),
                    ticket == null || !ticket.reserves() ? null : ticket.id());
            if (!ledger.awaitWritten()) {
                LOG.debug("usage row of a {} request queued while the state database is failing", model);
            }
        }
        double ttft = call.firstTokenNanos < 0 ? -1 : (call.firstTokenNanos - call.startNanos) / 1e9;
        metrics.record(new RequestObservation(call.operation.metricName(), provider, model, call.responseModel, call.key.tenant(),
                call.errorType, duration, ttft, call.inputTokens, call.cachedInputTokens, call.outputTokens,
                call.overheadMillis() / 1000.0));
    }
}
