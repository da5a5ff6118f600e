package dev.sovereign.gateway.limits;

import dev.sovereign.gateway.settings.Limits;

/** The limit state of one tenant or one key. All of its state changes under its own lock. */
final class Scope {

    final String name;
    final Limits limits;
    final SharedBudgets.Account account;
    final RateBucket requests;
    final RateBucket tokens;
    final BudgetWindow budget;
    int inFlight;

    /** {@code localBudget}: this process counts the budget ({@link BudgetWindow}); false when a database does. */
    Scope(SharedBudgets.Account account, long nowNanos, long nowMillis, boolean localBudget, long seededTokens, double seededCost) {
        this.account = account;
        this.name = account.name();
        this.limits = account.limits();
        this.requests = limits.requestsPerMinute() > 0 ? new RateBucket(limits.requestsPerMinute(), nowNanos) : null;
        this.tokens = limits.tokensPerMinute() > 0 ? new RateBucket(limits.tokensPerMinute(), nowNanos) : null;
        this.budget = localBudget && limits.hasBudget() ? new BudgetWindow(limits.budgetPeriod().toMillis(), nowMillis, seededTokens, seededCost) : null;
    }

    synchronized void settle(long reservedTokens, double reservedCost, long chargedTpm, long usedTokens, double usedCost) {
        inFlight--;
        if (tokens != null) {
            tokens.take(usedTokens - chargedTpm);
        }
        if (budget != null) {
            budget.reservedTokens -= reservedTokens;
            budget.reservedCost -= reservedCost;
            budget.usedTokens += usedTokens;
            budget.usedCost += usedCost;
        }
    }
}
