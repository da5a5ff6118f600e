package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;

/**
 * Quantized weights decoded to floats sixteen at a time, on 512-bit vectors: the one place every matmul path (tiles,
 * panels, embedding rows) decodes through, so a weight has the same float value whichever of them multiplies it.
 *
 * <p>A group is sixteen consecutive weights of a row; group {@code g} holds columns {@code 16g .. 16g+15}. Every
 * block type ggml writes holds a whole number of groups, each with one scale (and minimum), so a group decodes with
 * one vector conversion and one or two vector multiplies.
 */
final class QuantizedBlocks {

    private QuantizedBlocks() {
    }

    /** The {@code g}-th sixteen weights of the row that starts at byte {@code rowAt}, as floats. */
    static FloatVector group(DType type, MemorySegment w, long rowAt, int g) {
        return switch (type) {
            case Q8_0 -> LegacyBlocks.q8_0(w, rowAt + (long) (g >> 1) * 34, g & 1);
            case Q4_0 -> LegacyBlocks.q4_0(w, rowAt + (long) (g >> 1) * 18, g & 1);
            case Q4_1 -> LegacyBlocks.q4_1(w, rowAt + (long) (g >> 1) * 20, g & 1);
            case Q5_0 -> LegacyBlocks.q5_0(w, rowAt + (long) (g >> 1) * 22, g & 1);
            case Q5_1 -> LegacyBlocks.q5_1(w, rowAt + (long) (g >> 1) * 24, g & 1);
            case Q4_K -> KQuantBlocks.q4_K(w, rowAt + (long) (g >> 4) * 144, g & 15);
            case Q5_K -> KQuantBlocks.q5_K(w, rowAt + (long) (g >> 4) * 176, g & 15);
            case Q6_K -> KQuantBlocks.q6_K(w, rowAt + (long) (g >> 4) * 210, g & 15);
            case F32, F16, BF16 -> throw new IllegalArgumentException(type + " is not a block type");
        };
    }

    /**
     * Group {@code g} of a Q4_0 ({@code q4}) or Q8_0 row: the same values as {@link #group}, from a body small enough
     * that the 2x4 tile of {@link QuantizedTiles} still inlines it (with every type's decoder it ran five times
     * slower at 16 tokens).
     */
    static FloatVector q8OrQ4(boolean q4, MemorySegment w, long rowAt, int g) {
        return q4 ? LegacyBlocks.q4_0(w, rowAt + (long) (g >> 1) * 18, g & 1)
                : LegacyBlocks.q8_0(w, rowAt + (long) (g >> 1) * 34, g & 1);
    }

    /**
     * The {@code columns} weights of the row at byte {@code rowAt} as floats, into {@code out[offset ..]}.
     */
    static void decodeRow(DType type, MemorySegment w, long rowAt, int columns, float[] out, int offset) {
        for (int g = 0; g < columns >> 4; g++) {
            group(type, w, rowAt, g).intoArray(out, offset + (g << 4));
        }
    }
}
