package dev.sovereign.engine.model;

/**
 * The hyperparameters a forward pass needs, whatever file they came from.
 *
 * @param ropeFreqFactors per-pair divisors of the rotary frequency (Llama 3, linear, YaRN, LongRoPE scaling), or null
 * @param variant what sets the decoder apart from the Llama block
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
        DecoderVariant variant,
        ExpertRouting experts) {

    /** A plain Llama-block decoder. */
    public ModelConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffnDim,
            int vocabSize, int contextLength, float normEps, float ropeTheta, int ropeDim, RopeStyle ropeStyle,
            float[] ropeFreqFactors, boolean qkvBias, boolean qkNorm) {
        this(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength, normEps, ropeTheta,
                ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, DecoderVariant.LLAMA);
    }

    /** A dense decoder that differs from the Llama block as {@code variant} says. */
    public ModelConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffnDim,
            int vocabSize, int contextLength, float normEps, float ropeTheta, int ropeDim, RopeStyle ropeStyle,
            float[] ropeFreqFactors, boolean qkvBias, boolean qkNorm, DecoderVariant variant) {
        this(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength, normEps, ropeTheta,
                ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, variant, null);
    }

    public ModelConfig withVariant(DecoderVariant v) {
        return new ModelConfig(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength,
                normEps, ropeTheta, ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, v, experts);
    }

    /** This configuration with every feed-forward block a mixture of experts. */
    public ModelConfig withExperts(ExpertRouting routing) {
        return new ModelConfig(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength,
                normEps, ropeTheta, ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, variant, routing);
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }
}
