package dev.sovereign.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 and Q4_0 blocks (a float16 scale and 32 weights) decoded to floats on 512-bit vectors. Both tile shapes
 * decode through here, so a weight has the same float value whichever of them multiplies it.
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
     * The {@code columns} weights of the row at byte {@code rowAt} as floats (weight times its block's scale), into
     * {@code out[offset ..]}.
     */
    static void decodeRow(boolean q4, MemorySegment w, long rowAt, int columns, float[] out, int offset) {
        int blockBytes = blockBytes(q4);
        for (int c = 0; c < columns; c += 32) {
            long block = rowAt + (long) (c >> 5) * blockBytes;
            low(q4, w, block).intoArray(out, offset + c);
            high(q4, w, block).intoArray(out, offset + c + 16);
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
