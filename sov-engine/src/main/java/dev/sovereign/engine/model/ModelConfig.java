package dev.sovereign.engine.model;

/**
 * The hyperparameters a forward pass needs, whatever file they came from.
 *
 * @param ropeFreqFactors per-pair divisors of the rotary frequency (Llama 3, linear, YaRN, LongRoPE scaling), or null
 * @param variant what sets the decoder apart from the Llama block
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
        DecoderVariant variant) {

    /** A plain Llama-block decoder. */
    public ModelConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffnDim,
            int vocabSize, int contextLength, float normEps, float ropeTheta, int ropeDim, RopeStyle ropeStyle,
            float[] ropeFreqFactors, boolean qkvBias, boolean qkNorm) {
        this(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength, normEps, ropeTheta,
                ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, DecoderVariant.LLAMA);
    }

    public ModelConfig withVariant(DecoderVariant v) {
        return new ModelConfig(architecture, dim, layers, heads, kvHeads, headDim, ffnDim, vocabSize, contextLength,
                normEps, ropeTheta, ropeDim, ropeStyle, ropeFreqFactors, qkvBias, qkNorm, v);
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }
}
