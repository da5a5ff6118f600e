package dev.sovereign.eval.provider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The cost of a call from per-token prices in the provider config ({@code inputCost},
 * {@code outputCost}, or {@code cost} for both), Promptfoo's formula. Self-hosted models have no
 * public price list, so without a configured price the cost is unknown (null), not zero.
 */
final class Pricing {

    private Pricing() {
    }

    static Double cost(JsonNode config, ProviderResponse.TokenUsage usage) {
        Double both = number(config.get("cost"));
        Double input = number(config.get("inputCost"));
        Double output = number(config.get("outputCost"));
        input = input != null ? input : both;
        output = output != null ? output : both;
        if (input == null || output == null) {
            return null;
        }
        return input * usage.prompt() + output * usage.completion();
    }

    private static Double number(JsonNode node) {
        return node != null && node.isNumber() ? node.doubleValue() : null;
    }
}
