package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Quantized weights decoded to floats on 512-bit vectors, sixteen at a time: the one place the tiles, the panels and
 * the embedding lookup decode through, so a weight has the same float value whichever of them multiplies it. Q8_0
 * and Q4_0 decode here (the quantized tiles inline {@link #low} and {@link #high}); the other 32-weight types in
 * {@link LegacyBlocks}, the 256-weight super-blocks in {@link KQuantBlocks}.
 */
final class QuantizedBlocks {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);

    private QuantizedBlocks() {
    }

    static int blockBytes(boolean q4) {
        return q4 ? 18 : 34;
    }

    /**
     * The {@code columns} weights of the row at byte {@code rowAt} as floats, into {@code out[offset ..]}. Each type
     * has its own row loop, storing its vectors itself: a vector chosen between types at run time, or returned by a
     * call the JIT does not inline, is allocated.
     */
    static void decodeRow(DType type, MemorySegment w, long rowAt, int columns, float[] out, int offset) {
        switch (type) {
            case Q8_0, Q4_0 -> {
                boolean q4 = type == DType.Q4_0;
                int blockBytes = blockBytes(q4);
                for (int c = 0; c < columns; c += 32) {
                    long block = rowAt + (long) (c >> 5) * blockBytes;
                    low(q4, w, block).intoArray(out, offset + c);
                    high(q4, w, block).intoArray(out, offset + c + 16);
                }
            }
            case Q4_1 -> LegacyBlocks.row(false, true, w, rowAt, columns, out, offset);
            case Q5_0 -> LegacyBlocks.row(true, false, w, rowAt, columns, out, offset);
            case Q5_1 -> LegacyBlocks.row(true, true, w, rowAt, columns, out, offset);
            case Q4_K -> KQuantBlocks.q4_KOrQ5_KRow(false, w, rowAt, columns, out, offset);
            case Q5_K -> KQuantBlocks.q4_KOrQ5_KRow(true, w, rowAt, columns, out, offset);
            case Q6_K -> KQuantBlocks.q6_KRow(w, rowAt, columns, out, offset);
            case F32, F16, BF16 -> throw new IllegalArgumentException(type + " is not a block type");
        }
    }

    /** The block's first 16 weights as floats, times the block's scale. */
    static FloatVector low(boolean q4, MemorySegment w, long block) {
        ByteVector bytes = ByteVector.fromMemorySegment(B, w, block + 2, LE);
        if (q4) {
            bytes = bytes.and((byte) 0x0f).sub((byte) 8);
        }
        return ((FloatVector) bytes.convertShape(VectorOperators.B2F, F, 0)).mul(scale(w, block));
    }

    /** The block's last 16 weights (Q4_0: the high nibbles) as floats, times the block's scale. */
    static FloatVector high(boolean q4, MemorySegment w, long block) {
        ByteVector bytes = q4
                ? ByteVector.fromMemorySegment(B, w, block + 2, LE).lanewise(VectorOperators.LSHR, 4).sub((byte) 8)
                : ByteVector.fromMemorySegment(B, w, block + 18, LE);
        return ((FloatVector) bytes.convertShape(VectorOperators.B2F, F, 0)).mul(scale(w, block));
    }

    private static float scale(MemorySegment w, long block) {
        return Float.float16ToFloat(w.get(SHORT, block));
    }
}
