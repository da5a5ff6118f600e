package dev.sovereign.engine.kernel;

/** Half-precision rounding, used where llama.cpp stores or converts values to F16 so that our numbers track it. */
public final class Fp16 {

    private Fp16() {
    }

    public static float round(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    public static void round(float[] x, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            x[i] = Float.float16ToFloat(Float.floatToFloat16(x[i]));
        }
    }
}
