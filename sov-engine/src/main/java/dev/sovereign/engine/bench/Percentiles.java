package dev.sovereign.engine.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles with linear interpolation between the two nearest ranks, as numpy's default (and so vLLM's benchmark).
 * Every benchmark of the engine takes its medians and percentiles here, so an even count has one median everywhere:
 * the mean of the two middle values.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 to 100) of the values, or NaN when there are none. */
    public static double of(List<Double> values, double p) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    /** The same for an array, which is left as it was. */
    public static double of(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    public static double median(double[] values) {
        return of(values, 50);
    }

    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
