package dev.sovereign.engine.kernel;

import static dev.sovereign.engine.kernel.QuantizedBlocks.blockBytes;
import static dev.sovereign.engine.kernel.QuantizedBlocks.high;
import static dev.sovereign.engine.kernel.QuantizedBlocks.low;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0 and Q4_0 weights times activations in tiles of two weight rows by four tokens, on 512-bit vectors.
 *
 * <p>A weight block is decoded to floats and scaled once per tile and serves four tokens; an activation vector is
 * loaded once per tile and serves two rows; eight independent accumulators keep the FMA units busy. (The
 * integer path of {@link RowDot} spends about seven instructions per 32 products; this one spends two FMAs.)
 * Activations arrive already rounded through Q8_0, as llama.cpp rounds them, so results stay within llama.cpp's.
 *
 * <p>Every (row, token) sum runs the same lane-wise sequence of FMAs whichever tile it falls in, so a token's
 * result never depends on the batch it was computed in.
 */
final class QuantizedTiles {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    /**
     * Bytes of activations a thread walks its rows with: what fits a core's L1 data cache beside the weights. A tile
     * loads eight activation vectors per weight block, so they must come from L1; the weights are re-read for
     * each chunk of tokens, from L2 or L3, at an eighth of that traffic. (384 KB, sized for L2, ran 20-35% slower.)
     */
    private static final int ACTIVATION_BYTES_IN_CACHE = 32 * 1024;

    private QuantizedTiles() {
    }

    /** Whether the machine's preferred vectors are 512 bits wide, the shape these tiles are written for. */
    static boolean available() {
        return FloatVector.SPECIES_PREFERRED.length() == 16;
    }

    /**
     * {@code out[t * rows + r]} for rows {@code [rowFrom, rowTo)} of a Q8_0 or Q4_0 matrix and every token
     * {@code t < batch}; {@code x} holds each token's {@code columns} activations one token after another.
     */
    static void multiply(WeightMatrix matrix, int rowFrom, int rowTo, float[] x, int batch, float[] out) {
        boolean q4 = matrix.type() == DType.Q4_0;
        MemorySegment w = matrix.data();
        int rows = matrix.rows();
        int columns = matrix.columns();
        long rowBytes = matrix.rowBytes();
        int chunk = Math.max(4, ACTIVATION_BYTES_IN_CACHE / (columns * 4) / 4 * 4);
        // Rows are paired from the two halves of the range: two adjacent rows walked side by side read memory at
        // a third of the speed of two distant ones on the machines we measured (the prefetchers lose the streams).
        int half = (rowTo - rowFrom) / 2;
        for (int t0 = 0; t0 < batch; t0 += chunk) {
            int tEnd = Math.min(batch, t0 + chunk);
            for (int i = 0; i < half; i++) {
                int r0 = rowFrom + i;
                int r1 = r0 + half;
                int t = t0;
                for (; t + 4 <= tEnd; t += 4) {
                    tile2x4(q4, w, r0 * rowBytes, r1 * rowBytes, x, t * columns, columns, out, t * rows + r0,
                            t * rows + r1, rows);
                }
                for (; t < tEnd; t++) {
                    tile2x1(q4, w, r0 * rowBytes, r1 * rowBytes, x, t * columns, columns, out, t * rows + r0,
                            t * rows + r1);
                }
            }
            if (rowFrom + 2 * half < rowTo) {
                int r = rowTo - 1;
                for (int t = t0; t < tEnd; t++) {
                    out[t * rows + r] = tile1x1(q4, w, r * rowBytes, x, t * columns, columns);
                }
            }
        }
    }

    // The tiles are written out by hand: C2 scalarizes vectors only inside one compiled body, and a larger tile
    // (four rows by four tokens) exceeds the node budget under which it still inlines the Vector API's templates.

    private static void tile2x4(boolean q4, MemorySegment w, long at0, long at1, float[] x, int x0, int columns,
            float[] out, int o0, int o1, int rows) {
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        int blockBytes = blockBytes(q4);
        int x1 = x0 + columns;
        int x2 = x1 + columns;
        int x3 = x2 + columns;
        for (int c = 0; c < columns; c += 32) {
            long offset = (long) (c >> 5) * blockBytes;
            FloatVector w0l = low(q4, w, at0 + offset);
            FloatVector w0h = high(q4, w, at0 + offset);
            FloatVector w1l = low(q4, w, at1 + offset);
            FloatVector w1h = high(q4, w, at1 + offset);
            FloatVector xl = FloatVector.fromArray(F, x, x0 + c);
            FloatVector xh = FloatVector.fromArray(F, x, x0 + c + 16);
            a00 = w0h.fma(xh, w0l.fma(xl, a00));
            a10 = w1h.fma(xh, w1l.fma(xl, a10));
            xl = FloatVector.fromArray(F, x, x1 + c);
            xh = FloatVector.fromArray(F, x, x1 + c + 16);
            a01 = w0h.fma(xh, w0l.fma(xl, a01));
            a11 = w1h.fma(xh, w1l.fma(xl, a11));
            xl = FloatVector.fromArray(F, x, x2 + c);
            xh = FloatVector.fromArray(F, x, x2 + c + 16);
            a02 = w0h.fma(xh, w0l.fma(xl, a02));
            a12 = w1h.fma(xh, w1l.fma(xl, a12));
            xl = FloatVector.fromArray(F, x, x3 + c);
            xh = FloatVector.fromArray(F, x, x3 + c + 16);
            a03 = w0h.fma(xh, w0l.fma(xl, a03));
            a13 = w1h.fma(xh, w1l.fma(xl, a13));
        }
        out[o0] = LaneSums.of512(a00);
        out[o1] = LaneSums.of512(a10);
        out[o0 + rows] = LaneSums.of512(a01);
        out[o1 + rows] = LaneSums.of512(a11);
        out[o0 + 2 * rows] = LaneSums.of512(a02);
        out[o1 + 2 * rows] = LaneSums.of512(a12);
        out[o0 + 3 * rows] = LaneSums.of512(a03);
        out[o1 + 3 * rows] = LaneSums.of512(a13);
    }

    private static void tile2x1(boolean q4, MemorySegment w, long at0, long at1, float[] x, int x0, int columns,
            float[] out, int o0, int o1) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        int blockBytes = blockBytes(q4);
        for (int c = 0; c < columns; c += 32) {
            long offset = (long) (c >> 5) * blockBytes;
            FloatVector xl = FloatVector.fromArray(F, x, x0 + c);
            FloatVector xh = FloatVector.fromArray(F, x, x0 + c + 16);
            a0 = high(q4, w, at0 + offset).fma(xh, low(q4, w, at0 + offset).fma(xl, a0));
            a1 = high(q4, w, at1 + offset).fma(xh, low(q4, w, at1 + offset).fma(xl, a1));
        }
        out[o0] = LaneSums.of512(a0);
        out[o1] = LaneSums.of512(a1);
    }

    private static float tile1x1(boolean q4, MemorySegment w, long at, float[] x, int x0, int columns) {
        FloatVector a = FloatVector.zero(F);
        int blockBytes = blockBytes(q4);
        for (int c = 0; c < columns; c += 32) {
            long block = at + (long) (c >> 5) * blockBytes;
            a = high(q4, w, block).fma(FloatVector.fromArray(F, x, x0 + c + 16),
                    low(q4, w, block).fma(FloatVector.fromArray(F, x, x0 + c), a));
        }
        return LaneSums.of512(a);
    }
}
