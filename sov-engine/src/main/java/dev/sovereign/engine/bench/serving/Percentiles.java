package dev.sovereign.engine.bench.serving;

import java.util.Arrays;
import java.util.List;

/** Percentiles with linear interpolation between the two nearest ranks, as numpy's default (and so vLLM's benchmark). */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 to 100) of the values, or NaN when there are none. */
    public static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
