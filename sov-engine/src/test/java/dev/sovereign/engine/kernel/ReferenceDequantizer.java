package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A scalar decoder of each block type, written from the layouts and arithmetic of ggml's {@code dequantize_row_*}
 * (one loop per block as there, nothing shared with the vector decoders): the independent side of
 * {@link DequantizationTest}.
 */
final class ReferenceDequantizer {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ReferenceDequantizer() {
    }

    static float[] row(DType type, MemorySegment w, long at, int columns) {
        float[] y = new float[columns];
        for (int b = 0; b < columns / type.blockSize(); b++) {
            long x = at + (long) b * type.blockBytes();
            int o = b * type.blockSize();
            switch (type) {
                case Q8_0 -> {
                    float d = f16(w, x);
                    for (int j = 0; j < 32; j++) {
                        y[o + j] = w.get(ValueLayout.JAVA_BYTE, x + 2 + j) * d;
                    }
                }
                case Q4_0, Q4_1 -> {
                    boolean withMin = type == DType.Q4_1;
                    float d = f16(w, x);
                    float m = withMin ? f16(w, x + 2) : 0;
                    long qs = x + (withMin ? 4 : 2);
                    for (int j = 0; j < 16; j++) {
                        int lo = u8(w, qs + j) & 0x0f;
                        int hi = u8(w, qs + j) >> 4;
                        y[o + j] = withMin ? lo * d + m : (lo - 8) * d;
                        y[o + j + 16] = withMin ? hi * d + m : (hi - 8) * d;
                    }
                }
                case Q5_0, Q5_1 -> {
                    boolean withMin = type == DType.Q5_1;
                    float d = f16(w, x);
                    float m = withMin ? f16(w, x + 2) : 0;
                    long qhAt = x + (withMin ? 4 : 2);
                    int qh = u8(w, qhAt) | u8(w, qhAt + 1) << 8 | u8(w, qhAt + 2) << 16 | u8(w, qhAt + 3) << 24;
                    long qs = qhAt + 4;
                    for (int j = 0; j < 16; j++) {
                        int x0 = (u8(w, qs + j) & 0x0f) | (((qh >>> j) << 4) & 0x10);
                        int x1 = (u8(w, qs + j) >> 4) | ((qh >>> (j + 12)) & 0x10);
                        y[o + j] = withMin ? x0 * d + m : (x0 - 16) * d;
                        y[o + j + 16] = withMin ? x1 * d + m : (x1 - 16) * d;
                    }
                }
                case Q4_K, Q5_K -> {
                    boolean five = type == DType.Q5_K;
                    float d = f16(w, x);
                    float min = f16(w, x + 2);
                    long scales = x + 4;
                    long qh = x + 16;
                    long ql = x + (five ? 48 : 16);
                    int out = o;
                    for (int j = 0, is = 0; j < 256; j += 64, is += 2) {
                        int[] sm1 = scaleMin(w, scales, is);
                        int[] sm2 = scaleMin(w, scales, is + 1);
                        float d1 = d * sm1[0];
                        float m1 = min * sm1[1];
                        float d2 = d * sm2[0];
                        float m2 = min * sm2[1];
                        int u1 = 1 << is;
                        int u2 = 2 << is;
                        for (int l = 0; l < 32; l++) {
                            int high = five && (u8(w, qh + l) & u1) != 0 ? 16 : 0;
                            y[out++] = d1 * ((u8(w, ql + l) & 0xf) + high) - m1;
                        }
                        for (int l = 0; l < 32; l++) {
                            int high = five && (u8(w, qh + l) & u2) != 0 ? 16 : 0;
                            y[out++] = d2 * ((u8(w, ql + l) >> 4) + high) - m2;
                        }
                        ql += 32;
                    }
                }
                case Q6_K -> {
                    float d = f16(w, x + 208);
                    long ql = x;
                    long qh = x + 128;
                    long sc = x + 192;
                    for (int n = 0; n < 256; n += 128) {
                        for (int l = 0; l < 32; l++) {
                            int is = l / 16;
                            int q1 = ((u8(w, ql + l) & 0xf) | ((u8(w, qh + l) & 3) << 4)) - 32;
                            int q2 = ((u8(w, ql + l + 32) & 0xf) | (((u8(w, qh + l) >> 2) & 3) << 4)) - 32;
                            int q3 = ((u8(w, ql + l) >> 4) | (((u8(w, qh + l) >> 4) & 3) << 4)) - 32;
                            int q4 = ((u8(w, ql + l + 32) >> 4) | (((u8(w, qh + l) >> 6) & 3) << 4)) - 32;
                            y[o + n + l] = d * s8(w, sc + is) * q1;
                            y[o + n + l + 32] = d * s8(w, sc + is + 2) * q2;
                            y[o + n + l + 64] = d * s8(w, sc + is + 4) * q3;
                            y[o + n + l + 96] = d * s8(w, sc + is + 6) * q4;
                        }
                        ql += 64;
                        qh += 32;
                        sc += 8;
                    }
                }
                case F32, F16, BF16 -> throw new IllegalArgumentException(type.name());
            }
        }
        return y;
    }

    /** ggml's get_scale_min_k4. */
    private static int[] scaleMin(MemorySegment w, long q, int j) {
        if (j < 4) {
            return new int[] {u8(w, q + j) & 63, u8(w, q + j + 4) & 63};
        }
        return new int[] {(u8(w, q + j + 4) & 0xf) | ((u8(w, q + j - 4) >> 6) << 4),
            (u8(w, q + j + 4) >> 4) | ((u8(w, q + j) >> 6) << 4)};
    }

    private static float f16(MemorySegment w, long at) {
        return Float.float16ToFloat(w.get(SHORT, at));
    }

    private static int u8(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    private static int s8(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at);
    }
}
