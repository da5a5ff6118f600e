package dev.sovereign.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one stored weight row with activations, one method per encoding, with the Vector API. Widths
 * follow the machine's preferred float vector ({@code L} lanes); each method ends with a scalar tail so any length
 * works.
 */
final class RowDot {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> S_L = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));
    private static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LE);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);
    private static final float TWO_POW_112 = 0x1p112f;

    static {
        if (L > 16) {
            throw new IllegalStateException("float vectors wider than 512 bits are not supported");
        }
    }

    private RowDot() {
    }

    static float f32(MemorySegment w, long at, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += L) {
            FloatVector wv = FloatVector.fromMemorySegment(F, w, at + i * 4L, LE);
            acc = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc);
        }
        float sum = LaneSums.of(acc);
        for (; i < n; i++) {
            sum += w.get(FLOAT, at + i * 4L) * x[xOff + i];
        }
        return sum;
    }

    /** F16 weights; bits widen to float as (magnitude << 13) * 2^112 with the sign or-ed back (finite values). */
    static float f16(MemorySegment w, long at, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += L) {
            IntVector bits = (IntVector) ShortVector.fromMemorySegment(S_L, w, at + i * 2L, LE)
                    .convertShape(VectorOperators.S2I, I, 0);
            FloatVector magnitude = bits.and(0x7fff).lanewise(VectorOperators.LSHL, 13)
                    .reinterpretAsFloats().mul(TWO_POW_112);
            FloatVector wv = magnitude.reinterpretAsInts().or(bits.and(0x8000).lanewise(VectorOperators.LSHL, 16))
                    .reinterpretAsFloats();
            acc = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc);
        }
        float sum = LaneSums.of(acc);
        for (; i < n; i++) {
            sum += Float.float16ToFloat(w.get(SHORT, at + i * 2L)) * x[xOff + i];
        }
        return sum;
    }

    static float bf16(MemorySegment w, long at, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(n); i < upper; i += L) {
            FloatVector wv = ((IntVector) ShortVector.fromMemorySegment(S_L, w, at + i * 2L, LE)
                    .convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
            acc = wv.fma(FloatVector.fromArray(F, x, xOff + i), acc);
        }
        float sum = LaneSums.of(acc);
        for (; i < n; i++) {
            sum += Float.intBitsToFloat(w.get(SHORT, at + i * 2L) << 16) * x[xOff + i];
        }
        return sum;
    }

    /**
     * Q8_0 weights against Q8_0-quantized activations (kept widened to 16 bits, since every row reuses them). Each block's products are summed as 16-bit integers (two
     * products of values within [-127, 127] cannot overflow), widened to float and scaled once per block.
     */
    static float q8_0(MemorySegment w, long at, short[] xq, float[] xd, int xOff, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long block = at + b * 34L;
            int xb = xOff + b * 32;
            ShortVector lo = widen(ByteVector.fromMemorySegment(B16, w, block + 2, LE))
                    .mul(ShortVector.fromArray(S16, xq, xb));
            ShortVector hi = widen(ByteVector.fromMemorySegment(B16, w, block + 18, LE))
                    .mul(ShortVector.fromArray(S16, xq, xb + 16));
            float scale = Float.float16ToFloat(w.get(SHORT, block)) * xd[xb >> 5];
            acc = accumulate(lo.add(hi), scale, acc);
        }
        return LaneSums.of(acc);
    }

    /** Q4_0 weights (nibbles minus 8; low nibbles are the block's first 16 values) against Q8_0 activations. */
    static float q4_0(MemorySegment w, long at, short[] xq, float[] xd, int xOff, int blocks) {
        FloatVector acc = FloatVector.zero(F);
        for (int b = 0; b < blocks; b++) {
            long block = at + b * 18L;
            int xb = xOff + b * 32;
            ByteVector packed = ByteVector.fromMemorySegment(B16, w, block + 2, LE);
            ByteVector low = packed.and((byte) 0x0f).sub((byte) 8);
            ByteVector high = packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f).sub((byte) 8);
            ShortVector lo = widen(low).mul(ShortVector.fromArray(S16, xq, xb));
            ShortVector hi = widen(high).mul(ShortVector.fromArray(S16, xq, xb + 16));
            float scale = Float.float16ToFloat(w.get(SHORT, block)) * xd[xb >> 5];
            acc = accumulate(lo.add(hi), scale, acc);
        }
        return LaneSums.of(acc);
    }

    /**
     * Q8_0 or Q4_0 weights against four tokens' Q8_0 activations at once: each weight block is loaded and widened
     * once for the four, which is what makes prompt processing faster than four matrix-vector products.
     */
    static void quantized4(boolean q4, MemorySegment w, long at, short[] xq, float[] xd, int cols, int b0,
            int blocks, float[] out, int outAt, int outStride) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int blockBytes = q4 ? 18 : 34;
        for (int b = 0; b < blocks; b++) {
            long block = at + (long) b * blockBytes;
            ShortVector wlo;
            ShortVector whi;
            if (q4) {
                ByteVector packed = ByteVector.fromMemorySegment(B16, w, block + 2, LE);
                wlo = widen(packed.and((byte) 0x0f).sub((byte) 8));
                whi = widen(packed.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f).sub((byte) 8));
            } else {
                wlo = widen(ByteVector.fromMemorySegment(B16, w, block + 2, LE));
                whi = widen(ByteVector.fromMemorySegment(B16, w, block + 18, LE));
            }
            float dw = Float.float16ToFloat(w.get(SHORT, block));
            int x0 = b0 * cols + b * 32;
            a0 = accumulate(product(wlo, whi, xq, x0), dw * xd[x0 >> 5], a0);
            a1 = accumulate(product(wlo, whi, xq, x0 + cols), dw * xd[(x0 + cols) >> 5], a1);
            a2 = accumulate(product(wlo, whi, xq, x0 + 2 * cols), dw * xd[(x0 + 2 * cols) >> 5], a2);
            a3 = accumulate(product(wlo, whi, xq, x0 + 3 * cols), dw * xd[(x0 + 3 * cols) >> 5], a3);
        }
        out[outAt] = LaneSums.of(a0);
        out[outAt + outStride] = LaneSums.of(a1);
        out[outAt + 2 * outStride] = LaneSums.of(a2);
        out[outAt + 3 * outStride] = LaneSums.of(a3);
    }

    private static ShortVector product(ShortVector wlo, ShortVector whi, short[] xq, int x) {
        return wlo.mul(ShortVector.fromArray(S16, xq, x)).add(whi.mul(ShortVector.fromArray(S16, xq, x + 16)));
    }

    private static ShortVector widen(ByteVector v) {
        return (ShortVector) v.convertShape(VectorOperators.B2S, S16, 0);
    }

    private static FloatVector accumulate(ShortVector products, float scale, FloatVector acc) {
        FloatVector s = FloatVector.broadcast(F, scale);
        for (int part = 0; part < 16 / L; part++) {
            acc = ((FloatVector) products.convertShape(VectorOperators.S2F, F, part)).fma(s, acc);
        }
        return acc;
    }
}
