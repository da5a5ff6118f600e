package dev.sovereign.engine.model;

/**
 * The hyperparameters a forward pass needs, whatever file they came from.
 *
 * @param ropeFreqFactors per-pair divisors of the rotary frequency (Llama 3 scaling), or null
 * @param experts how the feed-forward blocks route to their experts, or null for a dense model
 */
public record ModelConfig(
        String architecture,
        int dim,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int ffnDim,
        int vocabSize,
        int contextLength,
        float normEps,
        float ropeTheta,
        int ropeDim,
        RopeStyle ropeStyle,
        float[] ropeFreqFactors,
        boolean qkvBias,
        boolean qkNorm,
        ExpertRouting experts) {

    public ModelConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffnDim,
            int vocabSize, int contextLength, float normEps, float ropeTheta, int ropeDim, RopeStyle ropeStyle,
            float[] ropeFreqFactors, boolean qkvBias, boolean qkNorm) {
        this(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength, normEps, ropeTheta,
                ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, null);
    }

    /** This configuration with every feed-forward block a mixture of experts. */
    public ModelConfig withExperts(ExpertRouting routing) {
        return new ModelConfig(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength,
                normEps, ropeTheta, ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, routing);
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }
}
