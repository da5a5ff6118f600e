package dev.sovereign.engine.sampling;

import java.util.Arrays;

/**
 * The top_p cut without sorting the vocabulary: keeps the most likely tokens, most likely first (ties to the lower
 * id), up to and including the one at which their share of the mass reaches top_p. The result is the same set as a
 * full sort's, bit for bit: the shares are added in the same order, as doubles, as the full sort added them.
 * <p>
 * Weights lie in [0, 1] (the most likely token weighs 1), so their binary exponent orders them coarsely: one pass
 * adds up the mass per exponent and finds the exponent by which top_p is reached; only the weights at or above it
 * are sorted, as primitives. With a peaked distribution that is a handful of tokens; with a flat one, a primitive
 * sort of the flat part, still far cheaper than sorting boxed ids with a comparator.
 */
final class Nucleus {

    /** Exponent buckets: 0 holds weight 1, b holds [2^-b, 2^-b+1), the last everything smaller (zero included). */
    static final int BUCKETS = 65;

    private Nucleus() {
    }

    /**
     * Keeps the nucleus of the {@code count} candidates {@code ids} (ascending) with weights {@code weights}, in
     * place and in id order; returns how many are kept.
     */
    static int keep(int[] ids, double[] weights, int count, double topP, DrawBuffers buffers) {
        double allowedSum = 0;
        for (int j = 0; j < count; j++) {
            allowedSum += weights[j];
        }
        double[] mass = buffers.bucketMass;
        Arrays.fill(mass, 0);
        for (int j = 0; j < count; j++) {
            mass[bucket(weights[j])] += weights[j];
        }
        // a little past top_p, so rounding in these per-bucket sums cannot stop short of the exact crossing
        double reach = topP * allowedSum * (1 + 1e-9);
        int last = BUCKETS - 1;
        double cumulative = 0;
        for (int b = 0; b < BUCKETS; b++) {
            cumulative += mass[b];
            if (cumulative >= reach) {
                last = b;
                break;
            }
        }
        int kept = cut(ids, weights, count, topP, allowedSum, last, buffers.sorted);
        if (kept < 0 && last < BUCKETS - 1) {
            kept = cut(ids, weights, count, topP, allowedSum, BUCKETS - 1, buffers.sorted);
        }
        return kept < 0 ? count : kept;
    }

    /**
     * Sorts the weights of buckets up to {@code last} and walks them from the largest, adding shares as the full
     * sort did; -1 when they do not reach top_p.
     */
    private static int cut(int[] ids, double[] weights, int count, double topP, double allowedSum, int last,
                           double[] sorted) {
        // bucket(w) <= last is w >= 2^-last: a comparison, not an exponent, per token
        double floor = last == BUCKETS - 1 ? Double.NEGATIVE_INFINITY : Math.scalb(1.0, -last);
        int m = 0;
        for (int j = 0; j < count; j++) {
            if (weights[j] >= floor) {
                sorted[m++] = weights[j];
            }
        }
        Arrays.sort(sorted, 0, m);
        double share = 0;
        int crossing = -1;
        for (int i = m - 1; i >= 0; i--) {
            share += sorted[i] / allowedSum;
            if (share >= topP) {
                crossing = i;
                break;
            }
        }
        if (crossing < 0) {
            return -1;
        }
        double threshold = sorted[crossing];
        // of the tokens weighing exactly the threshold, the full sort kept the lower ids first
        int equalsKept = 0;
        for (int i = crossing; i < m && sorted[i] == threshold; i++) {
            equalsKept++;
        }
        int kept = 0;
        for (int j = 0; j < count; j++) {
            double w = weights[j];
            if (w > threshold || (w == threshold && equalsKept-- > 0)) {
                ids[kept] = ids[j];
                weights[kept] = w;
                kept++;
            }
        }
        return kept;
    }

    static int bucket(double weight) {
        return Math.min(-Math.getExponent(weight), BUCKETS - 1);
    }
}
