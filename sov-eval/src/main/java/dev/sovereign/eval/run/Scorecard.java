package dev.sovereign.eval.run;

import dev.sovereign.eval.assertion.GradingResult;
import dev.sovereign.eval.config.AssertionSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines a test's assertion verdicts the way Promptfoo does: the score is the weighted mean, named
 * metrics are weighted means of their assertions, and the test passes when every assertion passes,
 * or, when the test has a threshold, when the score reaches it.
 */
final class Scorecard {

    private final Double threshold;
    private final List<GradingResult> results = new ArrayList<>();
    private final Map<String, double[]> named = new LinkedHashMap<>();
    private double totalScore;
    private double totalWeight;
    private String failedReason;

    Scorecard(Double threshold) {
        this.threshold = threshold;
    }

    void add(AssertionSpec spec, GradingResult result) {
        results.add(result);
        totalScore += result.score() * spec.weight();
        totalWeight += spec.weight();
        if (spec.metric() != null) {
            double[] sums = named.computeIfAbsent(spec.metric(), k -> new double[2]);
            sums[0] += result.score() * spec.weight();
            sums[1] += spec.weight();
        }
        if (!result.pass()) {
            failedReason = result.reason();
        }
    }

    List<GradingResult> results() {
        return results;
    }

    double score() {
        return results.isEmpty() ? 1 : totalWeight > 0 ? totalScore / totalWeight : 0;
    }

    boolean pass() {
        if (threshold != null && !results.isEmpty()) {
            return score() >= threshold;
        }
        return failedReason == null;
    }

    String reason() {
        if (results.isEmpty()) {
            return "No assertions";
        }
        if (threshold != null) {
            return String.format(java.util.Locale.ROOT, "Aggregate score %.2f %s %s threshold", score(), pass() ? "≥" : "<",
                    dev.sovereign.eval.template.JsValues.number(java.math.BigDecimal.valueOf(threshold)));
        }
        return failedReason == null ? "All assertions passed" : failedReason;
    }

    Map<String, Double> namedScores() {
        Map<String, Double> out = new LinkedHashMap<>();
        named.forEach((k, v) -> out.put(k, v[1] > 0 ? v[0] / v[1] : 0));
        return out;
    }
}
