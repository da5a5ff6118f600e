package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.Quantizer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Encodes a float row as any block type the engine reads: Q8_0 and Q4_0 through the engine's own quantizer, the
 * other 32-weight types (Q4_1, Q5_0, Q5_1) with ggml's reference rounding, K-quants through {@link KQuantizer}.
 */
public final class BlockQuantizer {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BlockQuantizer() {
    }

    /** Writes {@code n} values from {@code x[offset ..]} as {@code type} blocks at {@code out[at ..]}. */
    public static void encode(DType type, float[] x, int offset, int n, MemorySegment out, long at) {
        switch (type) {
            case Q8_0 -> Quantizer.toQ8_0(x, offset, n, out, at);
            case Q4_0 -> Quantizer.toQ4_0(x, offset, n, out, at);
            case Q4_1 -> withMinimum(false, x, offset, n, out, at);
            case Q5_1 -> withMinimum(true, x, offset, n, out, at);
            case Q5_0 -> q5_0(x, offset, n, out, at);
            case Q4_K -> KQuantizer.toQ4_KOrQ5_K(false, x, offset, n, out, at);
            case Q5_K -> KQuantizer.toQ4_KOrQ5_K(true, x, offset, n, out, at);
            case Q6_K -> KQuantizer.toQ6_K(x, offset, n, out, at);
            case F32, F16, BF16 -> throw new IllegalArgumentException(type + " is not a block type");
        }
    }

    /** Q5_0: scale {@code max / -16} from the value of largest magnitude, codes offset by 16. */
    private static void q5_0(float[] x, int offset, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = offset + b * 32;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                if (Math.abs(x[base + j]) > amax) {
                    amax = Math.abs(x[base + j]);
                    max = x[base + j];
                }
            }
            float d = max / -16;
            float id = d != 0 ? 1 / d : 0;
            long block = at + b * 22L;
            out.set(F16, block, Float.floatToFloat16(d));
            int[] codes = new int[32];
            for (int j = 0; j < 32; j++) {
                codes[j] = Math.min(31, (int) (x[base + j] * id + 16.5f));
            }
            writeFiveBits(codes, out, block + 2, block + 6);
        }
    }

    /** Q4_1 or Q5_1: scale {@code (max - min) / 15 or 31} and the block's minimum, codes rounded half up. */
    private static void withMinimum(boolean fiveBits, float[] x, int offset, int n, MemorySegment out, long at) {
        int levels = fiveBits ? 31 : 15;
        int blockBytes = fiveBits ? 24 : 20;
        for (int b = 0; b < n / 32; b++) {
            int base = offset + b * 32;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < 32; j++) {
                min = Math.min(min, x[base + j]);
                max = Math.max(max, x[base + j]);
            }
            float d = (max - min) / levels;
            float id = d != 0 ? 1 / d : 0;
            long block = at + (long) b * blockBytes;
            out.set(F16, block, Float.floatToFloat16(d));
            out.set(F16, block + 2, Float.floatToFloat16(min));
            int[] codes = new int[32];
            for (int j = 0; j < 32; j++) {
                codes[j] = Math.min(levels, (int) ((x[base + j] - min) * id + 0.5f));
            }
            if (fiveBits) {
                writeFiveBits(codes, out, block + 4, block + 8);
            } else {
                for (int j = 0; j < 16; j++) {
                    out.set(ValueLayout.JAVA_BYTE, block + 4 + j, (byte) (codes[j] | (codes[j + 16] << 4)));
                }
            }
        }
    }

    /** Low nibbles paired as in Q4_0 (value j with j + 16) and the 32 fifth bits as one little-endian int. */
    private static void writeFiveBits(int[] codes, MemorySegment out, long fifthBitsAt, long nibblesAt) {
        int fifth = 0;
        for (int j = 0; j < 16; j++) {
            out.set(ValueLayout.JAVA_BYTE, nibblesAt + j, (byte) ((codes[j] & 15) | ((codes[j + 16] & 15) << 4)));
            fifth |= ((codes[j] >> 4) & 1) << j;
            fifth |= ((codes[j + 16] >> 4) & 1) << (j + 16);
        }
        out.set(INT, fifthBitsAt, fifth);
    }
}
