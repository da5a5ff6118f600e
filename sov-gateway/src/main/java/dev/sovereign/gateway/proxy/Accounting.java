package dev.sovereign.gateway.proxy;

import dev.sovereign.gateway.limits.Ticket;
import dev.sovereign.gateway.metrics.GenAiMetrics;
import dev.sovereign.gateway.metrics.RequestObservation;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.usage.UsageLedger;
import dev.sovereign.gateway.usage.UsageRecord;
import java.time.Instant;
import java.util.Map;

/**
 * Closes the books on one request: its cost from the price table, a ledger row (enqueued, not
 * written here), the GenAI metrics and the settlement of its limit reservation.
 */
public final class Accounting {

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

    public void finish(CallContext call) {
        Ticket ticket = call.ticket;
        long now = System.nanoTime();
        if (!call.usageReported && call.outputTokens == 0 && call.contentEvents > 0) {
            // The stream ended before its usage chunk (client gone, backend cut): one event is about one token.
            call.outputTokens = call.contentEvents;
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
                    call.inputTokens, call.cachedInputTokens, call.outputTokens, cost, Math.round(duration * 1000)));
        }
        double ttft = call.firstTokenNanos < 0 ? -1 : (call.firstTokenNanos - call.startNanos) / 1e9;
        metrics.record(new RequestObservation(call.operation.metricName(), provider, model, call.responseModel, call.key.tenant(),
                call.errorType, duration, ttft, call.inputTokens, call.cachedInputTokens, call.outputTokens,
                call.overheadMillis() / 1000.0));
    }
}
