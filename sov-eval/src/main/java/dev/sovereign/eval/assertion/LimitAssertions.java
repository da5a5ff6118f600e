package dev.sovereign.eval.assertion;

import java.util.Map;

/** {@code latency} (milliseconds) and {@code cost} (currency units): pass when at or under the threshold. */
final class LimitAssertions {

    private LimitAssertions() {
    }

    static void register(Map<String, Grader> graders) {
        graders.put("latency", in -> {
            double threshold = threshold(in, "Latency assertion must have a threshold in milliseconds");
            long latency = in.response().latencyMs();
            return GradingResult.check(latency <= threshold, "Latency " + latency + "ms is "
                    + (in.inverse() ? "less than or equal to" : "greater than") + " threshold " + fmt(threshold) + "ms", in.spec());
        });
        graders.put("cost", in -> {
            double threshold = threshold(in, "Cost assertion must have a threshold");
            Double cost = in.response().cost();
            if (cost == null) {
                throw new IllegalArgumentException("Cost assertion does not support providers that do not return cost"
                        + " (set inputCost/outputCost or cost in the provider config)");
            }
            return GradingResult.check(cost <= threshold, "Cost " + String.format("%.2g", cost) + " is "
                    + (in.inverse() ? "less than or equal to" : "greater than") + " threshold " + fmt(threshold), in.spec());
        });
    }

    private static double threshold(AssertionInput in, String missing) {
        if (in.spec().threshold() == null) {
            throw new IllegalArgumentException(missing);
        }
        return in.spec().threshold();
    }

    static String fmt(double value) {
        return dev.sovereign.eval.template.JsValues.number(java.math.BigDecimal.valueOf(value));
    }
}
