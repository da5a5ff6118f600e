package dev.sovereign.gateway.limits;

/**
 * Tokens and cost of one budget period: what settled requests used and what admitted requests
 * reserved. A reservation is counted at admission, so concurrent requests see each other and
 * the sum can never pass the budget. Not thread-safe: its {@link Scope} holds the lock.
 */
final class BudgetWindow {

    private final long periodMillis;
    private long periodStart;
    long usedTokens;
    double usedCost;
    long reservedTokens;
    double reservedCost;

    BudgetWindow(long periodMillis, long nowMillis, long seededTokens, double seededCost) {
        this.periodMillis = periodMillis;
        this.periodStart = startOf(nowMillis);
        this.usedTokens = seededTokens;
        this.usedCost = seededCost;
    }

    long startOf(long millis) {
        return millis - Math.floorMod(millis, periodMillis);
    }

    void roll(long nowMillis) {
        long start = startOf(nowMillis);
        if (start != periodStart) {
            periodStart = start;
            usedTokens = 0;
            usedCost = 0;
        }
    }

    BudgetRoom.Held held(String name, dev.sovereign.gateway.settings.Limits limits, long nowMillis) {
        return new BudgetRoom.Held(name, limits, usedTokens, usedCost, reservedTokens, reservedCost, secondsToReset(nowMillis));
    }

    long secondsToReset(long nowMillis) {
        return Math.max(1, (periodStart + periodMillis - nowMillis + 999) / 1000);
    }
}
