package dev.sovereign.engine.model;

/** Rotary position embedding of query and key heads, in the pairing the model was trained with. */
final class Rope {

    private final RopeStyle style;
    private final int ropeDim;
    private final float thetaScale;
    private final float[] freqFactors;
    private final float attentionFactor;

    /** The model's global rope: its base, scaling divisors and attention factor. */
    Rope(ModelConfig config) {
        this(config.ropeStyle(), config.ropeDim(), config.ropeTheta(), config.ropeFreqFactors(),
                config.variant().ropeAttentionFactor());
    }

    /**
     * @param freqFactors per-pair divisors of the frequencies, or null
     * @param attentionFactor multiplies cos and sin (YaRN's and LongRoPE's magnitude correction)
     */
    Rope(RopeStyle style, int ropeDim, float theta, float[] freqFactors, float attentionFactor) {
        this.style = style;
        this.ropeDim = ropeDim;
        this.thetaScale = (float) Math.pow(theta, -2.0 / ropeDim);
        this.freqFactors = freqFactors;
        this.attentionFactor = attentionFactor;
    }

    /** Rotates {@code heads} heads of {@code headDim} values starting at {@code x[offset]}, for one position. */
    void apply(float[] x, int offset, int heads, int headDim, int position) {
        int pairs = ropeDim / 2;
        float[] cos = new float[pairs];
        float[] sin = new float[pairs];
        // theta advances by repeated float multiplication, as llama.cpp's rope cache does
        float theta = position;
        for (int i = 0; i < pairs; i++) {
            float t = freqFactors == null ? theta : theta / freqFactors[i];
            cos[i] = (float) Math.cos(t) * attentionFactor;
            sin[i] = (float) Math.sin(t) * attentionFactor;
            theta *= thetaScale;
        }
        for (int h = 0; h < heads; h++) {
            int base = offset + h * headDim;
            for (int i = 0; i < pairs; i++) {
                int a = style == RopeStyle.NORMAL ? base + 2 * i : base + i;
                int b = style == RopeStyle.NORMAL ? a + 1 : a + pairs;
                float x0 = x[a];
                float x1 = x[b];
                x[a] = x0 * cos[i] - x1 * sin[i];
                x[b] = x0 * sin[i] + x1 * cos[i];
            }
        }
    }
}
