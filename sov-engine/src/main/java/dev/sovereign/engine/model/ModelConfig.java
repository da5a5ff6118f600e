package dev.sovereign.engine.model;

/**
 * The hyperparameters a forward pass needs, whatever file they came from.
 *
 * @param ropeFreqFactors per-pair divisors of the rotary frequency (Llama 3 scaling), or null
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
        boolean qkNorm) {

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }
}
