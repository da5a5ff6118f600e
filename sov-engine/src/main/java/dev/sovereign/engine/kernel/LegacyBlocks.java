package dev.sovereign.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's 32-weight block types (Q8_0, Q4_0, Q4_1, Q5_0, Q5_1), one half-block (sixteen weights) at a time. Values
 * are computed as ggml's {@code dequantize_row_*} computes them: code times scale, plus the minimum where there is one.
 */
final class LegacyBlocks {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    /** Lane i's bit position in a 32-bit mask of fifth bits, for the first and the second half of a block. */
    private static final IntVector[] FIFTH_BIT = {IntVector.fromArray(I, ramp(0), 0),
        IntVector.fromArray(I, ramp(16), 0)};

    private LegacyBlocks() {
    }

    /** Q8_0: F16 scale, 32 int8 codes. */
    static FloatVector q8_0(MemorySegment w, long block, int half) {
        ByteVector codes = ByteVector.fromMemorySegment(B, w, block + 2 + 16L * half, LE);
        return toFloats(codes).mul(f16(w, block));
    }

    /** Q4_0: F16 scale, 16 bytes whose low nibbles are the first 16 codes and high nibbles the last; offset 8. */
    static FloatVector q4_0(MemorySegment w, long block, int half) {
        return toFloats(nibbles(w, block + 2, half).sub((byte) 8)).mul(f16(w, block));
    }

    /** Q4_1: F16 scale, F16 minimum, nibbles as Q4_0's without offset. */
    static FloatVector q4_1(MemorySegment w, long block, int half) {
        return toFloats(nibbles(w, block + 4, half)).mul(f16(w, block)).add(f16(w, block + 2));
    }

    /** Q5_0: F16 scale, 32 fifth bits, nibbles as Q4_0's; offset 16. */
    static FloatVector q5_0(MemorySegment w, long block, int half) {
        IntVector codes = fiveBits(nibbles(w, block + 6, half), w.get(INT, block + 2), half).sub(16);
        return ((FloatVector) codes.convertShape(VectorOperators.I2F, F, 0)).mul(f16(w, block));
    }

    /** Q5_1: F16 scale, F16 minimum, 32 fifth bits, nibbles; no offset. */
    static FloatVector q5_1(MemorySegment w, long block, int half) {
        IntVector codes = fiveBits(nibbles(w, block + 8, half), w.get(INT, block + 4), half);
        return ((FloatVector) codes.convertShape(VectorOperators.I2F, F, 0)).mul(f16(w, block))
                .add(f16(w, block + 2));
    }

    /** The low (first half) or high (second half) nibbles of the 16 bytes at {@code at}. */
    static ByteVector nibbles(MemorySegment w, long at, int half) {
        ByteVector packed = ByteVector.fromMemorySegment(B, w, at, LE);
        return half == 0 ? packed.and((byte) 0x0f) : packed.lanewise(VectorOperators.LSHR, 4);
    }

    static FloatVector toFloats(ByteVector codes) {
        return (FloatVector) codes.convertShape(VectorOperators.B2F, F, 0);
    }

    static float f16(MemorySegment w, long at) {
        return Float.float16ToFloat(w.get(SHORT, at));
    }

    private static IntVector fiveBits(ByteVector lowNibbles, int fifthBits, int half) {
        IntVector high = IntVector.broadcast(I, fifthBits).lanewise(VectorOperators.LSHR, FIFTH_BIT[half]).and(1)
                .lanewise(VectorOperators.LSHL, 4);
        return ((IntVector) lowNibbles.convertShape(VectorOperators.B2I, I, 0)).or(high);
    }

    private static int[] ramp(int from) {
        int[] r = new int[16];
        for (int i = 0; i < 16; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
