package dev.sovereign.engine.model;

/**
 * Rotary scalings expressed as per-pair frequency divisors (what GGUF stores as rope_freqs.weight for Llama 3.x):
 * Llama 3's bands, linear interpolation, YaRN's ramp; plus the attention factors YaRN and LongRoPE put on cos and
 * sin.
 */
public final class RopeScaling {

    private RopeScaling() {
    }

    public static float[] llama3Factors(int ropeDim, double theta, double factor, double lowFreqFactor,
            double highFreqFactor, int originalContext) {
        float[] factors = new float[ropeDim / 2];
        double lowFreqWavelen = originalContext / lowFreqFactor;
        double highFreqWavelen = originalContext / highFreqFactor;
        for (int i = 0; i < factors.length; i++) {
            double freq = 1.0 / Math.pow(theta, 2.0 * i / ropeDim);
            double wavelen = 2 * Math.PI / freq;
            if (wavelen < highFreqWavelen) {
                factors[i] = 1f;
            } else if (wavelen > lowFreqWavelen) {
                factors[i] = (float) factor;
            } else {
                double smooth = (originalContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                factors[i] = (float) (1.0 / ((1 - smooth) / factor + smooth));
            }
        }
        return factors;
    }

    /** Linear (position interpolation): every frequency divided by {@code factor}. */
    public static float[] linearFactors(int ropeDim, double factor) {
        float[] factors = new float[ropeDim / 2];
        java.util.Arrays.fill(factors, (float) factor);
        return factors;
    }

    /**
     * YaRN: pairs that turn fewer than {@code betaSlow} times over the original context are interpolated (divided
     * by {@code factor}), pairs that turn more than {@code betaFast} times are kept, and a linear ramp blends the
     * pairs between; the ramp's ends are rounded outwards to whole pairs, as transformers and llama.cpp do.
     */
    public static float[] yarnFactors(int ropeDim, double theta, double factor, int originalContext, double betaFast,
            double betaSlow) {
        double low = Math.max(0, Math.floor(correctionPair(betaFast, ropeDim, theta, originalContext)));
        double high = Math.min(ropeDim - 1, Math.ceil(correctionPair(betaSlow, ropeDim, theta, originalContext)));
        float[] factors = new float[ropeDim / 2];
        for (int i = 0; i < factors.length; i++) {
            double interpolated = Math.min(1, Math.max(0, (i - low) / Math.max(0.001, high - low)));
            factors[i] = (float) (1.0 / (interpolated / factor + 1 - interpolated));
        }
        return factors;
    }

    /** YaRN's magnitude correction of cos and sin for a context stretched {@code factor} times. */
    public static float yarnAttentionFactor(double factor) {
        return factor <= 1 ? 1f : (float) (0.1 * Math.log(factor) + 1);
    }

    /** LongRoPE's magnitude correction for a context {@code scale} times the original one. */
    public static float longRopeAttentionFactor(double scale, int originalContext) {
        return scale <= 1 ? 1f : (float) Math.sqrt(1 + Math.log(scale) / Math.log(originalContext));
    }

    /** The (fractional) pair whose wavelength fits {@code turns} times into the original context. */
    private static double correctionPair(double turns, int ropeDim, double theta, int originalContext) {
        return ropeDim * Math.log(originalContext / (turns * 2 * Math.PI)) / (2 * Math.log(theta));
    }
}
