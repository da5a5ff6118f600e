package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.WeightMatrix;

/**
 * One decoder block's weights; optional parts (biases, q/k norms) are null when the architecture has none. A
 * mixture-of-experts block has {@code experts} and no dense {@code gate}, {@code up}, {@code down}.
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
        ExpertWeights experts) {
}
