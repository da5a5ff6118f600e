package dev.sovereign.engine.kernel;

/** Half-precision (F16, BF16) rounding, used where llama.cpp stores or converts values to F16 so that our numbers track it. */
public final class Fp16 {

    private Fp16() {
    }

    public static float round(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    /** Round to the nearest bfloat16, ties to even, as ggml converts activations for BF16 weights. */
    public static float roundBf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        int rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
        return Float.intBitsToFloat(rounded);
    }

    public static void round(float[] x, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            x[i] = Float.float16ToFloat(Float.floatToFloat16(x[i]));
        }
    }

    /**
     * {@code n} F16 values from {@code half[from ..]} widened to floats into {@code out[at ..]}. The widening is exact,
     * so every JIT tier gives the same floats; C2 turns this loop into vector conversions (VCVTPH2PS).
     */
    public static void widen(short[] half, int from, float[] out, int at, int n) {
        for (int i = 0; i < n; i++) {
            out[at + i] = Float.float16ToFloat(half[from + i]);
        }
    }
}
