package dev.sovereign.gateway.limits;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.usage.Reservation;
import dev.sovereign.gateway.usage.UsageLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits a request against the limits of its tenant and of its key, all checked and reserved
 * under the scopes' locks (tenant first, then key, always in that order), so concurrent
 * requests cannot together pass a limit. Budgets survive restarts: a scope starts from what the
 * ledger recorded in the current period.
 */
public final class Admission {

    /** Output reserved for a request that set no max_tokens while a budget applies; it is also its cap. */
    public static final int DEFAULT_OUTPUT_RESERVE = 4096;

    private final Map<String, Limits> tenantLimits;
    private final UsageLedger ledger;
    private final Map<String, Scope> tenants = new ConcurrentHashMap<>();
    private final Map<String, Scope> keys = new ConcurrentHashMap<>();

    public Admission(Map<String, Limits> tenantLimits, UsageLedger ledger) {
        this.tenantLimits = tenantLimits;
        this.ledger = ledger;
    }

    public Ticket admit(ApiKey key, Estimate estimate) {
        List<Scope> scopes = new ArrayList<>(2);
        Limits tenantLimit = tenantLimits.get(key.tenant());
        if (tenantLimit != null && tenantLimit != Limits.NONE) {
            scopes.add(tenants.computeIfAbsent(key.tenant(), t -> newScope("tenant " + t, tenantLimit, "tenant", t)));
        }
        if (key.limits() != Limits.NONE) {
            scopes.add(keys.computeIfAbsent(key.id(), id -> newScope("key " + id, key.limits(), "key_id", id)));
        }
        if (scopes.isEmpty()) {
            return new Ticket(List.of(), 0, 0, 0, null);
        }
        Ticket ticket;
        if (scopes.size() == 1) {
            synchronized (scopes.getFirst()) {
                ticket = decide(scopes, estimate);
            }
        } else {
            synchronized (scopes.get(0)) {
                synchronized (scopes.get(1)) {
                    ticket = decide(scopes, estimate);
                }
            }
        }
        if (ticket.reserves()) {
            ledger.reserve(new Reservation(ticket.id(), Instant.now(), key.tenant(), key.id(), ticket.reservedTokens(),
                    ticket.reservedCost()));
        }
        return ticket;
    }

    private Scope newScope(String name, Limits limits, String column, String value) {
        long nowMillis = System.currentTimeMillis();
        UsageLedger.Spent spent = new UsageLedger.Spent(0, 0);
        if (limits.hasBudget()) {
            long periodMillis = limits.budgetPeriod().toMillis();
            spent = ledger.spentSince(column, value, Instant.ofEpochMilli(nowMillis - Math.floorMod(nowMillis, periodMillis)));
        }
        return new Scope(name, limits, System.nanoTime(), nowMillis, spent.tokens(), spent.costUsd());
    }

    private static Ticket decide(List<Scope> scopes, Estimate estimate) {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long input = estimate.inputTokens();
        long sequences = estimate.sequences();
        // the cap is per sequence: the backend may generate it for each of the request's sequences
        long outputCap = estimate.requestedOutput() != null ? estimate.requestedOutput() : DEFAULT_OUTPUT_RESERVE;
        if (!estimate.producesOutput()) {
            outputCap = 0;
        }
        boolean budgeted = false;
        for (Scope s : scopes) {
            Limits l = s.limits;
            if (l.concurrent() > 0 && s.inFlight >= l.concurrent()) {
                throw ApiErrors.rateLimited(s.name + " has " + l.concurrent() + " requests in flight, its limit", 1);
            }
            if (s.requests != null && !s.requests.has(1, nowNanos)) {
                throw ApiErrors.rateLimited(s.name + " passed its limit of " + l.requestsPerMinute() + " requests per minute",
                        s.requests.secondsUntil(1));
            }
            if (s.tokens != null && !s.tokens.has(1, nowNanos)) {
                throw ApiErrors.rateLimited(s.name + " passed its limit of " + l.tokensPerMinute() + " tokens per minute",
                        s.tokens.secondsUntil(1));
            }
            if (s.budget != null) {
                budgeted = true;
                outputCap = Math.min(outputCap, budgetRoom(s, estimate, nowMillis) / sequences);
            }
        }
        double reservedCost = estimate.price().cost(input, 0, outputCap * sequences);
        long reservedTokens = input + outputCap * sequences;
        for (Scope s : scopes) {
            s.inFlight++;
            if (s.requests != null) {
                s.requests.take(1);
            }
            if (s.tokens != null) {
                s.tokens.take(input);
            }
            if (s.budget != null) {
                s.budget.reservedTokens += reservedTokens;
                s.budget.reservedCost += reservedCost;
            }
        }
        Integer cap = budgeted && estimate.producesOutput() ? (int) outputCap : null;
        return new Ticket(List.copyOf(scopes), budgeted ? reservedTokens : 0, budgeted ? reservedCost : 0,
                scopes.stream().anyMatch(s -> s.tokens != null) ? input : 0, cap);
    }

    /** The most output tokens (all sequences together) this scope's budget still allows after the input; 429 when none. */
    private static long budgetRoom(Scope s, Estimate estimate, long nowMillis) {
        BudgetWindow b = s.budget;
        b.roll(nowMillis);
        long input = estimate.inputTokens();
        // at least one token for each sequence, or the request cannot run at all
        long need = estimate.producesOutput() ? estimate.sequences() : 0;
        long room = Long.MAX_VALUE;
        if (s.limits.tokenBudget() > 0) {
            long left = s.limits.tokenBudget() - b.usedTokens - b.reservedTokens;
            if (left < input + need) {
                throw ApiErrors.rateLimited(s.name + " has used its budget of " + s.limits.tokenBudget()
                        + " tokens for this period (" + left + " left, this request needs up to " + (input + need) + ")",
                        b.secondsToReset(nowMillis));
            }
            room = left - input;
        }
        if (s.limits.costBudgetUsd() > 0) {
            double left = s.limits.costBudgetUsd() - b.usedCost - b.reservedCost;
            double inputCost = estimate.price().cost(input, 0, 0);
            double perOutput = estimate.price().outputPerMillion() / 1_000_000.0;
            if (left < inputCost + need * perOutput || left <= 0) {
                throw ApiErrors.rateLimited(String.format(java.util.Locale.ROOT,
                        "%s has used its budget of %.4f USD for this period", s.name, s.limits.costBudgetUsd()),
                        b.secondsToReset(nowMillis));
            }
            if (perOutput > 0) {
                room = Math.min(room, (long) Math.floor((left - inputCost) / perOutput));
            }
        }
        return room;
    }
}
