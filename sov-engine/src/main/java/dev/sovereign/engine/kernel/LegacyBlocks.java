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
 * Rows of ggml's other 32-weight block types (Q4_1, Q5_0, Q5_1; Q8_0 and Q4_0 are in {@link QuantizedBlocks})
 * decoded to floats, sixteen weights per vector: the first sixteen of a block are the low nibbles of its 16 code
 * bytes, the last sixteen the high ones; Q5 types add a fifth bit per weight from a 32-bit mask. Values are computed
 * as ggml's {@code dequantize_row_*} computes them: code times scale, plus the minimum where there is one. The vector
 * code is in the loop's own body, as in {@link KQuantBlocks}.
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

    /**
     * Q4_1 ({@code fiveBits} false: F16 scale, F16 minimum, 16 code bytes), Q5_1 (F16 scale, F16 minimum, fifth
     * bits, code bytes) or Q5_0 ({@code withMin} false: F16 scale, fifth bits, code bytes, codes offset by 16).
     */
    static void row(boolean fiveBits, boolean withMin, MemorySegment w, long rowAt, int columns, float[] out,
            int offset) {
        int header = 2 + (withMin ? 2 : 0) + (fiveBits ? 4 : 0);
        int blockBytes = header + 16;
        int bias = fiveBits && !withMin ? 16 : 0;
        for (int b = 0; b < columns >> 5; b++) {
            long block = rowAt + (long) b * blockBytes;
            float d = f16(w, block);
            float m = withMin ? f16(w, block + 2) : -0f; // adding -0 leaves every float as it is, -0 included
            int fifthBits = fiveBits ? w.get(INT, block + header - 4) : 0;
            // widened to unsigned ints first: x86 shifts 32-bit lanes natively, bytes only through wider lanes
            IntVector packed = ((IntVector) ByteVector.fromMemorySegment(B, w, block + header, LE)
                    .convertShape(VectorOperators.B2I, I, 0)).and(0xff);
            for (int half = 0; half < 2; half++) {
                IntVector codes = packed.lanewise(VectorOperators.LSHR, 4 * half).and(0x0f);
                codes = codes.or(IntVector.broadcast(I, fifthBits).lanewise(VectorOperators.LSHR, LANE.add(16 * half))
                        .and(1).lanewise(VectorOperators.LSHL, 4)).sub(bias);
                ((FloatVector) codes.convertShape(VectorOperators.I2F, F, 0)).mul(d).add(m)
                        .intoArray(out, offset + (b << 5) + (half << 4));
            }
        }
    }

    static float f16(MemorySegment w, long at) {
        return Float.float16ToFloat(w.get(SHORT, at));
    }
}
