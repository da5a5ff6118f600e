package dev.sovereign.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Encodes float rows into ggml's Q8_0 and Q4_0 blocks with the same rounding rules as ggml's reference quantizers,
 * so a weight we quantize is bit-identical to one llama.cpp would write.
 */
public final class Quantizer {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Quantizer() {
    }

    /** Writes {@code n} values (a multiple of 32) from {@code x[offset..]} as Q8_0 blocks at {@code out[at..]}. */
    public static void toQ8_0(float[] x, int offset, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[offset + b * 32 + j]));
            }
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            long block = at + b * 34L;
            out.set(F16, block, Float.floatToFloat16(d));
            for (int j = 0; j < 32; j++) {
                out.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) roundAway(x[offset + b * 32 + j] * id));
            }
        }
    }

    /** Writes {@code n} values (a multiple of 32) from {@code x[offset..]} as Q4_0 blocks at {@code out[at..]}. */
    public static void toQ4_0(float[] x, int offset, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[offset + b * 32 + j];
                if (Math.abs(v) > amax) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8f;
            float id = d != 0 ? 1f / d : 0f;
            long block = at + b * 18L;
            out.set(F16, block, Float.floatToFloat16(d));
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (int) (x[offset + b * 32 + j] * id + 8.5f));
                int hi = Math.min(15, (int) (x[offset + b * 32 + 16 + j] * id + 8.5f));
                out.set(ValueLayout.JAVA_BYTE, block + 2 + j, (byte) (lo | (hi << 4)));
            }
        }
    }

    private static int roundAway(float v) {
        return (int) (Math.signum(v) * Math.floor(Math.abs(v) + 0.5f));
    }

    /**
     * Activations rounded through Q8_0 and back: each value becomes its int8 code times its block's F16 scale, the
     * values {@link #activationsToQ8} would encode.
     */
    static void activationsThroughQ8(float[] x, int offset, int n, float[] out, int outOffset) {
        for (int b = 0; b < n / 32; b++) {
            int base = offset + b * 32;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float scale = Fp16.round(amax / 127f);
            float id = amax != 0 ? 127f / amax : 0f;
            for (int j = 0; j < 32; j++) {
                out[outOffset + b * 32 + j] = (float) Math.rint(x[base + j] * id) * scale;
            }
        }
    }

    /**
     * Activations rounded through Q8_K and back, as llama.cpp rounds them before a K-quant product: per 256 values
     * one float scale {@code -max / 127} (max: the value of largest magnitude, sign kept), codes rounded half to even
     * and capped at 127.
     */
    static void activationsThroughQ8K(float[] x, int offset, int n, float[] out, int outOffset) {
        for (int b = 0; b < n / 256; b++) {
            int base = offset + b * 256;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 256; j++) {
                float a = Math.abs(x[base + j]);
                if (a > amax) {
                    amax = a;
                    max = x[base + j];
                }
            }
            int to = outOffset + b * 256;
            if (amax == 0) {
                java.util.Arrays.fill(out, to, to + 256, 0f);
                continue;
            }
            float iscale = -127f / max;
            float d = 1 / iscale;
            for (int j = 0; j < 256; j++) {
                out[to + j] = Math.min(127f, (float) Math.rint(iscale * x[base + j])) * d;
            }
        }
    }

    /** Activations as Q8_0: int8 values (held widened in shorts) in {@code q}, one scale per 32 values in {@code d}. */
    static void activationsToQ8(float[] x, int offset, int n, short[] q, int qOffset, float[] d, int dOffset) {
        for (int b = 0; b < n / 32; b++) {
            float amax = 0;
            int base = offset + b * 32;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float scale = amax / 127f;
            float id = amax != 0 ? 127f / amax : 0f; // as ggml's AVX2 quantizer computes it
            // ggml stores the scale as F16 and multiplies with the rounded value
            d[dOffset + b] = Fp16.round(scale);
            for (int j = 0; j < 32; j++) {
                q[qOffset + b * 32 + j] = (short) Math.rint(x[base + j] * id); // AVX rounding: half to even
            }
        }
    }
}
