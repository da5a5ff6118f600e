package dev.sovereign.eval.assertion;

/** {@code levenshtein}: edit distance (UTF-16 units, like JavaScript strings) at most the threshold, default 5. */
final class Levenshtein implements Grader {

    @Override
    public GradingResult grade(AssertionInput in) {
        if (in.value() == null || !in.value().isTextual()) {
            throw new IllegalArgumentException("\"levenshtein\" assertion type must have a string value");
        }
        int distance = distance(in.output(), in.value().asText());
        double threshold = in.spec().threshold() == null ? 5 : in.spec().threshold();
        return GradingResult.check(distance <= threshold, "Levenshtein distance " + distance + " is "
                + (in.inverse() ? "less than or equal to" : "greater than") + " threshold " + LimitAssertions.fmt(threshold), in.spec());
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
