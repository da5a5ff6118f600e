package dev.sovereign.gateway.settings;

import java.time.Duration;

/**
 * Limits of a tenant or a key; 0 (or null) switches a limit off.
 *
 * @param requestsPerMinute admitted requests per minute
 * @param tokensPerMinute   input + output tokens per minute
 * @param concurrent        requests in flight at once
 * @param tokenBudget       tokens per budget period, reserved before the call and settled after
 * @param costBudgetUsd     cost per budget period, reserved and settled the same way
 * @param budgetPeriod      length of a budget period (windows aligned on the epoch)
 */
public record Limits(long requestsPerMinute, long tokensPerMinute, int concurrent, long tokenBudget, double costBudgetUsd,
                     Duration budgetPeriod) {

    public static final Limits NONE = new Limits(0, 0, 0, 0, 0, null);

    public Limits {
        budgetPeriod = budgetPeriod == null ? Duration.ofDays(30) : budgetPeriod;
    }

    public boolean hasBudget() {
        return tokenBudget > 0 || costBudgetUsd > 0;
    }
}
