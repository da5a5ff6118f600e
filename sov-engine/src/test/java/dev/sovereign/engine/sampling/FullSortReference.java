package dev.sovereign.engine.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sampler's draw as it was before the serving-step profile: a boxed sort of the whole vocabulary for top_p.
 * Kept as the reference the O(vocabulary) draw must agree with, seed for seed.
 */
final class FullSortReference {

    private FullSortReference() {
    }

    static int draw(float[] logits, SamplingOptions options, SplittableRandom random) {
        int n = logits.length;
        double[] weights = new double[n];
        float max = logits[TokenSampler.argmax(logits)];
        for (int i = 0; i < n; i++) {
            weights[i] = Math.exp((logits[i] - max) / options.temperature());
        }
        boolean[] allowed = new boolean[n];
        Arrays.fill(allowed, true);
        if (options.topK() > 0 && options.topK() < n) {
            Arrays.fill(allowed, false);
            for (int id : TokenSampler.topIndices(logits, options.topK())) {
                allowed[id] = true;
            }
        }
        if (options.minP() > 0) {
            for (int i = 0; i < n; i++) {
                if (weights[i] < options.minP()) {
                    allowed[i] = false;
                }
            }
        }
        if (options.topP() < 1) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
            double allowedSum = 0;
            for (int i = 0; i < n; i++) {
                if (allowed[i]) {
                    allowedSum += weights[i];
                }
            }
            double kept = 0;
            boolean cut = false;
            for (Integer id : order) {
                if (!allowed[id]) {
                    continue;
                }
                if (cut) {
                    allowed[id] = false;
                    continue;
                }
                kept += weights[id] / allowedSum;
                cut = kept >= options.topP();
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += allowed[i] ? weights[i] : 0;
        }
        double target = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!allowed[i]) {
                continue;
            }
            last = i;
            target -= weights[i];
            if (target <= 0) {
                return i;
            }
        }
        return last >= 0 ? last : TokenSampler.argmax(logits);
    }
}
