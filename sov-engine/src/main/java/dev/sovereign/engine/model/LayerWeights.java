package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.WeightMatrix;

/**
 * One decoder block's weights; optional parts (biases, q/k norms, Gemma's norms of the attention and feed-forward
 * outputs) are null when the architecture has none. A mixture-of-experts block has {@code experts} and no dense
 * {@code gate}, {@code up}, {@code down}.
 */
public record LayerWeights(
        float[] attentionNorm,
        WeightMatrix wq,
        WeightMatrix wk,
        WeightMatrix wv,
        WeightMatrix wo,
        float[] bq,
        float[] bk,
        float[] bv,
        float[] qNorm,
        float[] kNorm,
        float[] ffnNorm,
        WeightMatrix gate,
        WeightMatrix up,
        WeightMatrix down,
        float[] postAttentionNorm,
        float[] postFfnNorm,
        ExpertWeights experts) {

    public LayerWeights(float[] attentionNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, WeightMatrix wo,
            float[] bq, float[] bk, float[] bv, float[] qNorm, float[] kNorm, float[] ffnNorm, WeightMatrix gate,
            WeightMatrix up, WeightMatrix down) {
        this(attentionNorm, wq, wk, wv, wo, bq, bk, bv, qNorm, kNorm, ffnNorm, gate, up, down, null, null, null);
    }
}
