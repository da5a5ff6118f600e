package dev.sovereign.engine.model;

/** Llama 3.x rotary scaling, expressed as per-pair frequency divisors (what GGUF stores as rope_freqs.weight). */
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
}
