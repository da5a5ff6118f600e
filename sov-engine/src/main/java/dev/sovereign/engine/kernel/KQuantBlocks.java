package dev.sovereign.engine.kernel;

import static dev.sovereign.engine.kernel.LegacyBlocks.f16;
import static dev.sovereign.engine.kernel.LegacyBlocks.nibbles;
import static dev.sovereign.engine.kernel.LegacyBlocks.toFloats;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ggml's 256-weight super-blocks (Q4_K, Q5_K, Q6_K), sixteen weights at a time: group {@code g < 16} of the
 * super-block at byte {@code block}. Each group lies inside one sub-block, so it takes one scale (and minimum),
 * combined with the super-block's F16 scales in float first, as ggml's {@code dequantize_row_*} does.
 */
final class KQuantBlocks {

    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private KQuantBlocks() {
    }

    /**
     * Q4_K: F16 d, F16 dmin, 12 bytes of eight 6-bit scales and minimums, then 128 bytes where each 32 bytes hold
     * two sub-blocks of 32 (low nibbles, then high). Weight = d * scale * code - dmin * minimum.
     */
    static FloatVector q4_K(MemorySegment w, long block, int g) {
        int sub = g >> 1;
        FloatVector codes = toFloats(nibbles(w, block + 16 + 32L * (sub >> 1) + 16L * (g & 1), sub & 1));
        return scaled(codes, w, block, sub);
    }

    /** Q5_K: Q4_K's header, 32 bytes whose bit {@code j} is the fifth bit of sub-block {@code j}, then the nibbles. */
    static FloatVector q5_K(MemorySegment w, long block, int g) {
        int sub = g >> 1;
        ByteVector low = nibbles(w, block + 48 + 32L * (sub >> 1) + 16L * (g & 1), sub & 1);
        ByteVector fifth = ByteVector.fromMemorySegment(B, w, block + 16 + 16L * (g & 1), LE)
                .lanewise(VectorOperators.LSHR, sub).and((byte) 1).lanewise(VectorOperators.LSHL, 4);
        return scaled(toFloats(low.or(fifth)), w, block, sub);
    }

    /**
     * Q6_K: 128 bytes of low nibbles, 64 of 2-bit high parts, sixteen int8 scales (one per group), F16 d; codes
     * offset by 32. Each half of 128 weights takes 64 nibble bytes and 32 high bytes: weight {@code 32q + l} of a
     * half is nibble byte {@code l + 32(q & 1)} (low nibble for q < 2) and bits {@code 2q} of high byte {@code l}.
     */
    static FloatVector q6_K(MemorySegment w, long block, int g) {
        int half = g >> 3;
        int quarter = (g >> 1) & 3;
        int part = g & 1;
        ByteVector low = nibbles(w, block + 64L * half + 32L * (quarter & 1) + 16L * part, quarter >> 1);
        ByteVector high = ByteVector.fromMemorySegment(B, w, block + 128 + 32L * half + 16L * part, LE)
                .lanewise(VectorOperators.LSHR, 2 * quarter).and((byte) 3).lanewise(VectorOperators.LSHL, 4);
        int scale = w.get(ValueLayout.JAVA_BYTE, block + 192 + 8L * half + part + 2L * quarter);
        return toFloats(low.or(high).sub((byte) 32)).mul(f16(w, block + 208) * scale);
    }

    /** {@code d * scale * codes - dmin * minimum} with the 6-bit scale and minimum of sub-block {@code sub}. */
    private static FloatVector scaled(FloatVector codes, MemorySegment w, long block, int sub) {
        long packed = block + 4;
        int scale;
        int min;
        if (sub < 4) {
            scale = byteAt(w, packed + sub) & 63;
            min = byteAt(w, packed + sub + 4) & 63;
        } else {
            int both = byteAt(w, packed + sub + 4);
            scale = (both & 0x0f) | ((byteAt(w, packed + sub - 4) >> 6) << 4);
            min = (both >> 4) | ((byteAt(w, packed + sub) >> 6) << 4);
        }
        return codes.mul(f16(w, block) * scale).sub(f16(w, block + 2) * min);
    }

    private static int byteAt(MemorySegment w, long at) {
        return w.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }
}
