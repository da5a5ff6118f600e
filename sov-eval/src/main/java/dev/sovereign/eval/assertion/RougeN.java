package dev.sovereign.eval.assertion;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code rouge-n} (unigram ROUGE F1 with clipped counts, on lower-cased Treebank tokens, Lin 2004) at
 * or above the threshold, default 0.75. The negated form reports {@code 1 - score}, as Promptfoo does.
 */
final class RougeN implements Grader {

    @Override
    public GradingResult grade(AssertionInput in) {
        if (in.value() == null || !in.value().isTextual()) {
            throw new IllegalArgumentException("\"rouge\" assertion type must be a string value");
        }
        double score = score(in.output().toLowerCase(Locale.ROOT), in.value().asText().toLowerCase(Locale.ROOT), 1);
        double threshold = in.spec().threshold() == null ? 0.75 : in.spec().threshold();
        boolean pass = (score >= threshold) != in.inverse();
        return new GradingResult(pass, in.inverse() ? 1 - score : score, String.format(Locale.ROOT,
                "ROUGE-N score %.2f is %s threshold %s", score, score >= threshold ? "greater than or equal to" : "less than",
                LimitAssertions.fmt(threshold)), in.spec(), dev.sovereign.eval.provider.ProviderResponse.TokenUsage.NONE);
    }

    static double score(String candidate, String reference, int n) {
        List<String> c = ngrams(TreebankTokenizer.tokenize(candidate), n);
        List<String> r = ngrams(TreebankTokenizer.tokenize(reference), n);
        if (c.isEmpty() || r.isEmpty()) {
            return 0;
        }
        Map<String, Integer> referenceCounts = counts(r);
        int overlap = 0;
        for (Map.Entry<String, Integer> e : counts(c).entrySet()) {
            overlap += Math.min(e.getValue(), referenceCounts.getOrDefault(e.getKey(), 0));
        }
        if (overlap == 0) {
            return 0;
        }
        double precision = (double) overlap / c.size();
        double recall = (double) overlap / r.size();
        return precision == recall ? precision : 2 * precision * recall / (precision + recall);
    }

    private static List<String> ngrams(List<String> tokens, int n) {
        if (tokens.size() < n) {
            return List.of();
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.add(String.join(" ", tokens.subList(i, i + n)));
        }
        return out;
    }

    private static Map<String, Integer> counts(List<String> items) {
        Map<String, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(item, 1, Integer::sum));
        return counts;
    }
}
