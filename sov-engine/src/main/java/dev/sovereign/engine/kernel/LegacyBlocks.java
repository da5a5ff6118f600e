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
 * ggml's other 32-weight block types (Q4_1, Q5_0, Q5_1; Q8_0 and Q4_0 are in {@link QuantizedBlocks}), one
 * half-block (sixteen weights) at a time. Values are computed as ggml's {@code dequantize_row_*} computes them: code
 * times scale, plus the minimum where there is one. No vector is chosen by a branch (the half is a shift count), so
 * none has to be boxed by the JIT.
 */
final class LegacyBlocks {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
    /** 0, 1, ... 15: lane i's bit in the first half's 16 bits of a 32-bit mask of fifth bits. */
    private static final IntVector LANE = IntVector.zero(I).addIndex(1);

    private LegacyBlocks() {
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

    /** The low ({@code high} 0) or high ({@code high} 1) nibbles of the 16 bytes at {@code at}. */
    static ByteVector nibbles(MemorySegment w, long at, int high) {
        return ByteVector.fromMemorySegment(B, w, at, LE).lanewise(VectorOperators.LSHR, 4 * high).and((byte) 0x0f);
    }

    static FloatVector toFloats(ByteVector codes) {
        return (FloatVector) codes.convertShape(VectorOperators.B2F, F, 0);
    }

    static float f16(MemorySegment w, long at) {
        return Float.float16ToFloat(w.get(SHORT, at));
    }

    private static IntVector fiveBits(ByteVector lowNibbles, int fifthBits, int half) {
        IntVector high = IntVector.broadcast(I, fifthBits).lanewise(VectorOperators.LSHR, LANE.add(16 * half))
                .and(1).lanewise(VectorOperators.LSHL, 4);
        return ((IntVector) lowNibbles.convertShape(VectorOperators.B2I, I, 0)).or(high);
    }
}
