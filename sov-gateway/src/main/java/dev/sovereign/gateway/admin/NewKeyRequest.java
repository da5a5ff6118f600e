package dev.sovereign.gateway.admin;

import dev.sovereign.api.json.Require;
import dev.sovereign.gateway.settings.Limits;
import java.time.Duration;
import java.util.Set;

/** {@code POST /admin/keys}: the tenant, the models the key may use (empty: all) and its limits. */
public record NewKeyRequest(String tenant, Set<String> allowedModels, LimitsBody limits) {

    public NewKeyRequest {
        Require.nonBlank(tenant, "tenant");
        allowedModels = allowedModels == null ? Set.of() : allowedModels;
    }

    public record LimitsBody(Long requestsPerMinute, Long tokensPerMinute, Integer concurrent, Long tokenBudget,
                             Double costBudgetUsd, Long budgetPeriodSeconds) {

        Limits toLimits() {
            Limits limits = new Limits(orZero(requestsPerMinute), orZero(tokensPerMinute), concurrent == null ? 0 : concurrent,
                    orZero(tokenBudget), costBudgetUsd == null ? 0 : costBudgetUsd,
                    budgetPeriodSeconds == null ? null : Duration.ofSeconds(budgetPeriodSeconds));
            return limits.equals(new Limits(0, 0, 0, 0, 0, null)) ? Limits.NONE : limits;
        }

        private static long orZero(Long value) {
            return value == null ? 0 : value;
        }
    }

    Limits toLimits() {
        return limits == null ? Limits.NONE : limits.toLimits();
    }
}
