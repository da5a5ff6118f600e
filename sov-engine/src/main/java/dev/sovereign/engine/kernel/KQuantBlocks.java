package dev.sovereign.engine.kernel;

import static dev.sovereign.engine.kernel.LegacyBlocks.f16;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rows of ggml's 256-weight super-blocks (Q4_K, Q5_K, Q6_K) decoded to floats, sixteen weights per vector. A
 * sub-block's scale (and minimum) is combined with the super-block's F16 scales in float first, as ggml's
 * {@code dequantize_row_*} does, so every weight equals its value there bit for bit.
 *
 * <p>Each row decoder is one loop with its vector code in its own body: a helper returning a vector must be inlined
 * by the JIT, or every vector it returns is allocated (the first version, one call per sixteen weights, ran eight
 * times slower than Q8_0).
 */
final class KQuantBlocks {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private KQuantBlocks() {
    }

    /**
     * Q4_K: F16 d, F16 dmin, 12 bytes of eight 6-bit scales and minimums, then 128 bytes where each 32 bytes hold
     * two sub-blocks of 32 (low nibbles, then high). Weight = d * scale * code - dmin * minimum. With
     * {@code fifthBit} the layout is Q5_K's: 32 bytes whose bit {@code j} is the fifth bit of sub-block {@code j}
     * sit between the scales and the nibbles.
     */
    static void q4_KOrQ5_KRow(boolean fifthBit, MemorySegment w, long rowAt, int columns, float[] out,
            int offset) {
        int blockBytes = fifthBit ? 176 : 144;
        int fifthMask = fifthBit ? 1 : 0;
        for (int s = 0; s < columns >> 8; s++) {
            long block = rowAt + (long) s * blockBytes;
            float d = f16(w, block);
            float dmin = f16(w, block + 2);
            long nibbles = block + (fifthBit ? 48 : 16);
            for (int sub = 0; sub < 8; sub++) {
                float scale = d * scale(w, block + 4, sub);
                float min = dmin * min(w, block + 4, sub);
                long qs = nibbles + 32L * (sub >> 1);
                int shift = 4 * (sub & 1);
                int o = offset + (s << 8) + (sub << 5);
                for (int h = 0; h < 32; h += 16) {
                    // Q4_K's bytes at the fifth bits' place are nibbles, masked out: no branch between vectors
                    IntVector fifth = bytes(w, block + 16 + h).lanewise(VectorOperators.LSHR, sub).and(fifthMask)
                            .lanewise(VectorOperators.LSHL, 4);
                    IntVector codes = bytes(w, qs + h).lanewise(VectorOperators.LSHR, shift).and(0x0f).or(fifth);
                    ((FloatVector) codes.convertShape(VectorOperators.I2F, F, 0)).mul(scale).sub(min)
                            .intoArray(out, o + h);
                }
            }
        }
    }

    /**
     * Q6_K: 128 bytes of low nibbles, 64 of 2-bit high parts, sixteen int8 scales (one per sixteen weights), F16 d;
     * codes offset by 32. Each half of 128 weights takes 64 nibble bytes and 32 high bytes: weight {@code 32q + l}
     * of a half is nibble byte {@code l + 32(q & 1)} (low nibble for q < 2) and bits {@code 2q} of high byte
     * {@code l}.
     */
    static void q6_KRow(MemorySegment w, long rowAt, int columns, float[] out, int offset) {
        for (int s = 0; s < columns >> 8; s++) {
            long block = rowAt + s * 210L;
            float d = f16(w, block + 208);
            for (int g = 0; g < 16; g++) {
                int half = g >> 3;
                int quarter = (g >> 1) & 3;
                int part = g & 1;
                long lowAt = block + 64L * half + 32L * (quarter & 1) + 16L * part;
                IntVector low = bytes(w, lowAt).lanewise(VectorOperators.LSHR, 4 * (quarter >> 1)).and(0x0f);
                IntVector high = bytes(w, block + 128 + 32L * half + 16L * part)
                        .lanewise(VectorOperators.LSHR, 2 * quarter).and(3).lanewise(VectorOperators.LSHL, 4);
                int scale = w.get(ValueLayout.JAVA_BYTE, block + 192 + 8L * half + part + 2L * quarter);
                ((FloatVector) low.or(high).sub(32).convertShape(VectorOperators.I2F, F, 0)).mul(d * scale)
                        .intoArray(out, offset + (s << 8) + (g << 4));
            }
        }
    }

    /**
     * Sixteen bytes widened to unsigned ints: the nibbles and bit fields are cut in 32-bit lanes, which x86 shifts
     * natively (it has no byte shifts; the JIT emulates them through wider lanes).
     */
    private static IntVector bytes(MemorySegment w, long at) {
        return ((IntVector) ByteVector.fromMemorySegment(B, w, at, LE).convertShape(VectorOperators.B2I, I, 0))
                .and(0xff);
    }

    /** The 6-bit scale of sub-block {@code sub}: the first four whole, the last four split 4 + 2 bits. */
    private static int scale(MemorySegment w, long packed, int sub) {
        return sub < 4 ? byteAt(w, packed + sub) & 63
                : (byteAt(w, packed + sub + 4) & 0x0f) | ((byteAt(w, packed + sub - 4) >> 6) << 4);
    }

    /** The 6-bit minimum of sub-block {@code sub}. */
    private static int min(MemorySegment w, long packed, int sub) {
        return sub < 4 ? byteAt(w, packed + sub + 4) & 63
                : (byteAt(w, packed + sub + 4) >> 4) | ((byteAt(w, packed + sub) >> 6) << 4);
    }

    private static int byteAt(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }
}
