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
 * ledger recorded in the current period. With {@link SharedBudgets}, budgets are counted in the database every
 * replica shares instead, while request rates and concurrency stay each replica's own.
 */
public final class Admission {

    /** Output reserved for a request that set no max_tokens while a budget applies; it is also its cap. */
    public static final int DEFAULT_OUTPUT_RESERVE = 4096;

    private final Map<String, Limits> tenantLimits;
    private final UsageLedger ledger;
    /** Budgets in the database every replica shares; null when this process alone keeps them (seeded from its ledger). */
    private final SharedBudgets shared;
    private final Map<String, Scope> tenants = new ConcurrentHashMap<>();
    private final Map<String, Scope> keys = new ConcurrentHashMap<>();

    public Admission(Map<String, Limits> tenantLimits, UsageLedger ledger) {
        this(tenantLimits, ledger, null);
    }

    /** Budgets kept in {@code shared}; rates and concurrency stay this replica's own. */
    public Admission(Map<String, Limits> tenantLimits, UsageLedger ledger, SharedBudgets shared) {
        this.tenantLimits = tenantLimits;
        this.ledger = ledger;
        this.shared = shared;
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
            return new Ticket(List.of(), 0, 0, 0, null, null);
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
        if (ticket.reserves() && shared == null) {
            ledger.reserve(new Reservation(ticket.id(), Instant.now(), key.tenant(), key.id(), ticket.reservedTokens(),
                    ticket.reservedCost()));
        }
        return ticket;
    }

    private Scope newScope(String name, Limits limits, String column, String value) {
        long nowMillis = System.currentTimeMillis();
        SharedBudgets.Account account = new SharedBudgets.Account((column.equals("tenant") ? "tenant:" : "key:") + value, name, limits);
        if (shared != null) {
            return new Scope(account, System.nanoTime(), nowMillis, false, 0, 0);
        }
        UsageLedger.Spent spent = new UsageLedger.Spent(0, 0);
        if (limits.hasBudget()) {
            long periodMillis = limits.budgetPeriod().toMillis();
            spent = ledger.spentSince(column, value, Instant.ofEpochMilli(nowMillis - Math.floorMod(nowMillis, periodMillis)));
        }
        return new Scope(account, System.nanoTime(), nowMillis, true, spent.tokens(), spent.costUsd());
    }

    private Ticket decide(List<Scope> scopes, Estimate estimate) {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        long input = estimate.inputTokens();
        long sequences = estimate.sequences();
        // the cap is per sequence: the backend may generate it for each of the request's sequences
        long outputCap = estimate.requestedOutput() != null ? estimate.requestedOutput() : DEFAULT_OUTPUT_RESERVE;
        if (!estimate.producesOutput()) {
            outputCap = 0;
        }
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
        }
        List<Scope> budgeted = scopes.stream().filter(s -> s.limits.hasBudget()).toList();
        String reservationId = budgeted.isEmpty() ? null : java.util.UUID.randomUUID().toString();
        if (!budgeted.isEmpty() && shared != null) {
            // the scopes' locks stay held: this replica's requests queue here, other replicas' on the database rows
            outputCap = shared.reserve(reservationId, budgeted.stream().map(s -> s.account).toList(), estimate, outputCap);
        } else {
            for (Scope s : budgeted) {
                s.budget.roll(nowMillis);
                outputCap = Math.min(outputCap, BudgetRoom.of(s.budget.held(s.name, s.limits, nowMillis), estimate) / sequences);
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
        boolean reserves = !budgeted.isEmpty();
        Integer cap = reserves && estimate.producesOutput() ? (int) outputCap : null;
        return new Ticket(List.copyOf(scopes), reserves ? reservedTokens : 0, reserves ? reservedCost : 0,
                scopes.stream().anyMatch(s -> s.tokens != null) ? input : 0, cap, reservationId);
    }
}
