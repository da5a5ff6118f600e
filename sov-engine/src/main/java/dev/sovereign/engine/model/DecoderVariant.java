package dev.sovereign.engine.model;

/**
 * What sets a decoder apart from the plain Llama block, beyond the fields of {@link ModelConfig}: Gemma's scaled
 * embedding, GELU and local layers, the rope attention factor of YaRN and LongRoPE, sliding windows.
 *
 * @param activation the gated feed-forward's nonlinearity
 * @param embeddingScale multiplies each token's embedding (Gemma: sqrt(dim)); 1 for none
 * @param attentionScale multiplies the query-key products; 0 for 1/sqrt(headDim)
 * @param ropeAttentionFactor multiplies the rotary cos and sin of the global rope (YaRN, LongRoPE); 1 for none
 * @param slidingWindow positions a query on a windowed layer attends to, itself included; 0 for none
 * @param windowedLayers which layers use the window (Gemma 3: five of six); null for all of them
 * @param localRopeTheta rope base of the windowed layers, which then rotate without scaling (Gemma 3's local
 *     layers); 0 when every layer uses the global rope
 * @param normWeightOffset added to every RMSNorm weight as it loads (Gemma's HF checkpoints store w for 1 + w)
 */
public record DecoderVariant(
        Activation activation,
        float embeddingScale,
        float attentionScale,
        float ropeAttentionFactor,
        int slidingWindow,
        boolean[] windowedLayers,
        float localRopeTheta,
        float normWeightOffset) {

    /** The gated feed-forward's nonlinearity. */
    public enum Activation { SILU, GELU_TANH }

    /** The Llama block: SiLU, unscaled embedding, 1/sqrt(headDim), global rope, no window. */
    public static final DecoderVariant LLAMA = new DecoderVariant(Activation.SILU, 1, 0, 1, 0, null, 0, 0);

    /** Positions a query at layer {@code layer} attends to (0: all). */
    public int windowOf(int layer) {
        return slidingWindow > 0 && (windowedLayers == null || windowedLayers[layer]) ? slidingWindow : 0;
    }

    /** Whether layer {@code layer} rotates with the local rope base instead of the global rope. */
    public boolean usesLocalRope(int layer) {
        return localRopeTheta > 0 && windowOf(layer) > 0;
    }

    public DecoderVariant withWindow(int window, boolean[] layers) {
        return new DecoderVariant(activation, embeddingScale, attentionScale, ropeAttentionFactor, window, layers,
                localRopeTheta, normWeightOffset);
    }

    public DecoderVariant withRopeAttentionFactor(float factor) {
        return new DecoderVariant(activation, embeddingScale, attentionScale, factor, slidingWindow, windowedLayers,
                localRopeTheta, normWeightOffset);
    }
}
