package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;

/**
 * How a mixture-of-experts layer picks its experts: a router scores all {@code count} experts per token, softmax turns
 * the scores into probabilities, the {@code used} most probable experts run, and their outputs are summed weighted by
 * those probabilities, rescaled to sum to one when {@code normalizeTopK} (Mixtral always; Qwen3-MoE when its config's
 * {@code norm_topk_prob} says so).
 *
 * @param ffnDim the width of one expert's SwiGLU block
 */
public record ExpertRouting(int count, int used, int ffnDim, boolean normalizeTopK) {

    public ExpertRouting {
        if (count < 1 || used < 1 || used > count) {
            throw new ModelFormatException("a mixture-of-experts layer needs 1 <= experts used (" + used
                    + ") <= expert count (" + count + ")");
        }
        if (ffnDim < 1) {
            throw new ModelFormatException("expert feed-forward width must be positive, got " + ffnDim);
        }
    }

    /**
     * Picks the experts of one token from its router logits {@code logits[from .. from + count)}: writes the
     * {@code used} chosen experts, most probable first, to {@code experts[to ..]} and their weights to
     * {@code weights[to ..]}. Softmax then top-k, as HF transformers and llama.cpp do; equal probabilities go to the
     * lower expert id, as {@code torch.topk} returns them.
     */
    public void route(float[] logits, int from, int[] experts, float[] weights, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int e = 0; e < count; e++) {
            max = Math.max(max, logits[from + e]);
        }
        float[] probabilities = new float[count];
        float sum = 0;
        for (int e = 0; e < count; e++) {
            probabilities[e] = (float) Math.exp(logits[from + e] - max);
            sum += probabilities[e];
        }
        float chosenSum = 0;
        for (int k = 0; k < used; k++) {
            int best = -1;
            for (int e = 0; e < count; e++) {
                if (probabilities[e] >= 0 && (best < 0 || probabilities[e] > probabilities[best])) {
                    best = e;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("router logits are not finite (" + logits[from] + ", ...)");
            }
            experts[to + k] = best;
            weights[to + k] = probabilities[best] / sum;
            chosenSum += weights[to + k];
            probabilities[best] = -1; // taken
        }
        if (normalizeTopK) {
            for (int k = 0; k < used; k++) {
                weights[to + k] /= chosenSum;
            }
        }
    }
}
