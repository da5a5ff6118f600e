package dev.sovereign.gateway.limits;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.gateway.settings.Limits;
import java.util.Locale;

/**
 * How much output a request may still reserve in one budget scope, from what that scope's period already holds
 * (settled usage plus open reservations). The same rule whether the counts live in this process or in the
 * database every replica shares.
 */
public final class BudgetRoom {

    private BudgetRoom() {
    }

    /** One scope's period: its name for messages, its limits, and what it holds. */
    public record Held(String name, Limits limits, long usedTokens, double usedCost, long reservedTokens, double reservedCost,
                       long secondsToReset) {
    }

    /** The most output tokens (all sequences together) the scope still allows after the input; 429 when none. */
    public static long of(Held s, Estimate estimate) {
        long input = estimate.inputTokens();
        // at least one token for each sequence, or the request cannot run at all
        long need = estimate.producesOutput() ? estimate.sequences() : 0;
        long room = Long.MAX_VALUE;
        if (s.limits().tokenBudget() > 0) {
            long left = s.limits().tokenBudget() - s.usedTokens() - s.reservedTokens();
            if (left < input + need) {
                throw ApiErrors.rateLimited(s.name() + " has used its budget of " + s.limits().tokenBudget()
                        + " tokens for this period (" + left + " left, this request needs up to " + (input + need) + ")",
                        s.secondsToReset());
            }
            room = left - input;
        }
        if (s.limits().costBudgetUsd() > 0) {
            double left = s.limits().costBudgetUsd() - s.usedCost() - s.reservedCost();
            double inputCost = estimate.price().cost(input, 0, 0);
            double perOutput = estimate.price().outputPerMillion() / 1_000_000.0;
            if (left < inputCost + need * perOutput || left <= 0) {
                throw ApiErrors.rateLimited(String.format(Locale.ROOT, "%s has used its budget of %.4f USD for this period",
                        s.name(), s.limits().costBudgetUsd()), s.secondsToReset());
            }
            if (perOutput > 0) {
                room = Math.min(room, (long) Math.floor((left - inputCost) / perOutput));
            }
        }
        return room;
    }

    /** The start of the budget period holding {@code millis} (periods are aligned on the epoch). */
    public static long periodStart(Limits limits, long millis) {
        long period = limits.budgetPeriod().toMillis();
        return millis - Math.floorMod(millis, period);
    }
}
