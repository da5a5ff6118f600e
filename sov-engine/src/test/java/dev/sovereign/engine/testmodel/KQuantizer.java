package dev.sovereign.engine.testmodel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Encodes float rows into ggml's K-quant super-blocks (Q4_K, Q5_K, Q6_K) the way llama-quantize does without an
 * importance matrix: each sub-block's scale (and minimum) is fitted by a small search that minimises a weighted
 * squared error, the scales are then quantized to 6 or 8 bits against one F16 scale per super-block, and the codes
 * are rounded again against the scales as stored, so decoding gives the values the fit chose.
 */
public final class KQuantizer {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private KQuantizer() {
    }

    /** Writes {@code n} values (a multiple of 256) as Q4_K ({@code fifthBit} false) or Q5_K super-blocks. */
    public static void toQ4_KOrQ5_K(boolean fifthBit, float[] x, int offset, int n, MemorySegment out, long at) {
        int nmax = fifthBit ? 31 : 15;
        int blockBytes = fifthBit ? 176 : 144;
        for (int b = 0; b < n / 256; b++) {
            int base = offset + b * 256;
            long block = at + (long) b * blockBytes;
            float[] scales = new float[8];
            float[] mins = new float[8];
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 8; j++) {
                float[] fit = fitScaleAndMin(x, base + 32 * j, nmax, fifthBit ? -0.5f : -1f, 0.1f,
                        fifthBit ? 15 : 20);
                scales[j] = fit[0];
                mins[j] = fit[1];
                maxScale = Math.max(maxScale, scales[j]);
                maxMin = Math.max(maxMin, mins[j]);
            }
            float inverseScale = maxScale > 0 ? 63f / maxScale : 0f;
            float inverseMin = maxMin > 0 ? 63f / maxMin : 0f;
            int[] ls = new int[8];
            int[] lm = new int[8];
            for (int j = 0; j < 8; j++) {
                ls[j] = Math.min(63, nearest(inverseScale * scales[j]));
                lm[j] = Math.min(63, nearest(inverseMin * mins[j]));
            }
            byte[] packed = packScales(ls, lm);
            short d = Float.floatToFloat16(maxScale / 63f);
            short dmin = Float.floatToFloat16(maxMin / 63f);
            out.set(F16, block, d);
            out.set(F16, block + 2, dmin);
            MemorySegment.copy(packed, 0, out, ValueLayout.JAVA_BYTE, block + 4, 12);
            int[] codes = new int[256];
            for (int j = 0; j < 8; j++) {
                float sd = Float.float16ToFloat(d) * ls[j];
                if (sd == 0) {
                    continue;
                }
                float sm = Float.float16ToFloat(dmin) * lm[j];
                for (int i = 0; i < 32; i++) {
                    codes[32 * j + i] = Math.clamp(nearest((x[base + 32 * j + i] + sm) / sd), 0, nmax);
                }
            }
            long nibbles = block + (fifthBit ? 48 : 16);
            if (fifthBit) {
                out.asSlice(block + 16, 32).fill((byte) 0);
            }
            for (int pair = 0; pair < 4; pair++) {
                for (int i = 0; i < 32; i++) {
                    int lo = codes[64 * pair + i];
                    int hi = codes[64 * pair + 32 + i];
                    out.set(ValueLayout.JAVA_BYTE, nibbles + 32L * pair + i, (byte) ((lo & 15) | ((hi & 15) << 4)));
                    if (fifthBit) {
                        long qh = block + 16 + i;
                        int bits = out.get(ValueLayout.JAVA_BYTE, qh) & 0xff;
                        bits |= ((lo >> 4) << (2 * pair)) | ((hi >> 4) << (2 * pair + 1));
                        out.set(ValueLayout.JAVA_BYTE, qh, (byte) bits);
                    }
                }
            }
        }
    }

    /** Writes {@code n} values (a multiple of 256) as Q6_K super-blocks. */
    public static void toQ6_K(float[] x, int offset, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 256; b++) {
            int base = offset + b * 256;
            long block = at + b * 210L;
            float[] scales = new float[16];
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int j = 0; j < 16; j++) {
                scales[j] = fitSymmetricScale(x, base + 16 * j, 32);
                if (Math.abs(scales[j]) > maxAbsScale) {
                    maxAbsScale = Math.abs(scales[j]);
                    maxScale = scales[j];
                }
            }
            out.asSlice(block, 210).fill((byte) 0);
            if (maxAbsScale < 1e-15f) {
                continue;
            }
            float iscale = -128f / maxScale;
            short d = Float.floatToFloat16(1 / iscale);
            out.set(F16, block + 208, d);
            int[] codes = new int[256];
            for (int j = 0; j < 16; j++) {
                int scale = Math.min(127, nearest(iscale * scales[j]));
                out.set(ValueLayout.JAVA_BYTE, block + 192 + j, (byte) scale);
                float sd = Float.float16ToFloat(d) * scale;
                for (int i = 0; i < 16; i++) {
                    codes[16 * j + i] = sd == 0 ? 32 : Math.clamp(nearest(x[base + 16 * j + i] / sd), -32, 31) + 32;
                }
            }
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int q1 = codes[128 * half + l];
                    int q2 = codes[128 * half + l + 32];
                    int q3 = codes[128 * half + l + 64];
                    int q4 = codes[128 * half + l + 96];
                    long low = block + 64L * half;
                    out.set(ValueLayout.JAVA_BYTE, low + l, (byte) ((q1 & 15) | ((q3 & 15) << 4)));
                    out.set(ValueLayout.JAVA_BYTE, low + 32 + l, (byte) ((q2 & 15) | ((q4 & 15) << 4)));
                    out.set(ValueLayout.JAVA_BYTE, block + 128 + 32L * half + l,
                            (byte) ((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6)));
                }
            }
        }
    }

    /**
     * Scale and (positive) minimum for 32 values as {@code scale * code - min}, codes in {@code [0, nmax]}: start from
     * the range, then try {@code steps + 1} stretched grids and keep the least-squares fit with the smallest error,
     * weighting each value by {@code rms + |x|} (ggml's make_qkx2_quants).
     */
    private static float[] fitScaleAndMin(float[] x, int at, int nmax, float rmin, float rdelta, int steps) {
        int n = 32;
        float min = x[at];
        float max = x[at];
        float sumSquares = 0;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, x[at + i]);
            max = Math.max(max, x[at + i]);
            sumSquares += x[at + i] * x[at + i];
        }
        float rms = (float) Math.sqrt(sumSquares / n);
        float[] w = new float[n];
        float sumW = 0;
        float sumX = 0;
        for (int i = 0; i < n; i++) {
            w[i] = rms + Math.abs(x[at + i]);
            sumW += w[i];
            sumX += w[i] * x[at + i];
        }
        min = Math.min(min, 0);
        if (max == min) {
            return new float[] {0, -min};
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = Math.clamp(nearest(iscale * (x[at + i] - min)), 0, nmax);
            float diff = scale * l + min - x[at + i];
            bestError += w[i] * diff * diff;
        }
        for (int step = 0; step <= steps; step++) {
            iscale = (rmin + rdelta * step + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            int[] codes = new int[n];
            for (int i = 0; i < n; i++) {
                int l = Math.clamp(nearest(iscale * (x[at + i] - min)), 0, nmax);
                codes[i] = l;
                sumL += w[i] * l;
                sumL2 += w[i] * l * l;
                sumXL += w[i] * l * x[at + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * codes[i] + thisMin - x[at + i];
                    error += w[i] * diff * diff;
                }
                if (error < bestError) {
                    bestError = error;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        return new float[] {scale, -min};
    }

    /**
     * A signed scale for 16 values as {@code scale * code}, codes in {@code [-nmax, nmax - 1]}: the value of largest
     * magnitude sets the first grid, and nineteen slightly stretched grids compete on the x²-weighted least-squares
     * fit (ggml's make_qx_quants with its first error weighting).
     */
    private static float fitSymmetricScale(float[] x, int at, int nmax) {
        int n = 16;
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[at + i]) > amax) {
                amax = Math.abs(x[at + i]);
                max = x[at + i];
            }
        }
        if (amax < 1e-15f) {
            return 0;
        }
        float best = 0;
        float scale = 0;
        for (int is = -10; is <= 9; is++) {
            // -10 stands for the plain grid (ggml's first pass), then -9 .. 9 without 0
            if (is == 0) {
                continue;
            }
            float iscale = is == -10 ? -nmax / max : -(nmax + 0.1f * is) / max;
            float sumLX = 0;
            float sumL2 = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.clamp(nearest(iscale * x[at + i]), -nmax, nmax - 1);
                float w = x[at + i] * x[at + i];
                sumLX += w * x[at + i] * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && (is == -10 || sumLX * sumLX > best * sumL2)) {
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }

    /** Eight 6-bit scales and minimums in 12 bytes: the first four of each whole, the last four split 4 + 2 bits. */
    private static byte[] packScales(int[] ls, int[] lm) {
        int[] s = new int[12];
        for (int j = 0; j < 8; j++) {
            if (j < 4) {
                s[j] = ls[j];
                s[j + 4] = lm[j];
            } else {
                s[j + 4] = (ls[j] & 0xf) | ((lm[j] & 0xf) << 4);
                s[j - 4] |= (ls[j] >> 4) << 6;
                s[j] |= (lm[j] >> 4) << 6;
            }
        }
        byte[] packed = new byte[12];
        for (int i = 0; i < 12; i++) {
            packed[i] = (byte) s[i];
        }
        return packed;
    }

    /** Round half to even, as ggml's nearest_int does for values of this size. */
    static int nearest(float v) {
        return (int) Math.rint(v);
    }
}
