package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Quantized weights times a large batch of activations (a prefill chunk, many decoding sequences; for the types
 * beyond Q8_0 and Q4_0, every batch): four rows
 * are decoded to floats once into a per-thread panel, then multiplied with every token in tiles of four rows by
 * four tokens, which is nothing but loads and FMAs (eight loads per sixteen FMAs).
 *
 * <p>{@link QuantizedTiles} decodes each weight block again for every four tokens, which costs more instructions
 * than the FMAs themselves; here that cost is paid once per chunk of tokens that fits L2 (a hundred or more for
 * the 0.5B shape's narrow matrices, two dozen for its widest). Each (row, token) sum runs the same lane-wise
 * sequence of FMAs as there, over the same decoded values, so a token's result is the same bits on either path.
 */
final class DecodedPanels {

    /** Rows decoded together; the tile's height. */
    static final int ROWS = 4;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    /**
     * Bytes of activations multiplied with each decoded panel before the next panel: what stays in a core's L2
     * beside the panel. Every panel re-reads them, so a whole prefill chunk's worth would come from L3 or memory.
     */
    private static final int ACTIVATION_BYTES_IN_CACHE = 512 * 1024;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);

    private DecodedPanels() {
    }

    /**
     * {@code out[t * rows + r]} for rows {@code [rowFrom, rowTo)} and every token {@code t < batch}; {@code x} holds
     * each token's {@code columns} activations one token after another, already rounded through Q8_0 or Q8_K.
     */
    static void multiply(WeightMatrix matrix, int rowFrom, int rowTo, float[] x, int batch, float[] out) {
        DType type = matrix.type();
        int rows = matrix.rows();
        int columns = matrix.columns();
        long rowBytes = matrix.rowBytes();
        float[] panel = panel(ROWS * columns);
        int chunk = Math.max(4, ACTIVATION_BYTES_IN_CACHE / (columns * 4) / 4 * 4);
        for (int t0 = 0; t0 < batch; t0 += chunk) {
            int tEnd = Math.min(batch, t0 + chunk);
            int r = rowFrom;
            for (; r + ROWS <= rowTo; r += ROWS) {
                for (int i = 0; i < ROWS; i++) {
                    QuantizedBlocks.decodeRow(type, matrix.data(), (r + i) * rowBytes, columns, panel, i * columns);
                }
                int t = t0;
                for (; t + 4 <= tEnd; t += 4) {
                    tile4x4(panel, columns, x, t * columns, out, t * rows + r, rows);
                }
                for (; t < tEnd; t++) {
                    tile4x1(panel, columns, x, t * columns, out, t * rows + r);
                }
            }
            for (; r < rowTo; r++) {
                QuantizedBlocks.decodeRow(type, matrix.data(), r * rowBytes, columns, panel, 0);
                for (int t = t0; t < tEnd; t++) {
                    out[t * rows + r] = tile1x1(panel, columns, x, t * columns);
                }
            }
        }
    }

    private static float[] panel(int size) {
        float[] panel = PANEL.get();
        if (panel.length < size) {
            panel = new float[size];
            PANEL.set(panel);
        }
        return panel;
    }

    // Written out by hand like QuantizedTiles' tiles: sixteen accumulators and four weight vectors stay in
    // registers only while the whole tile is one compiled body.

    private static void tile4x4(float[] w, int columns, float[] x, int x0, float[] out, int o, int rows) {
        FloatVector a00 = FloatVector.zero(F);
        FloatVector a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int w1 = columns;
        int w2 = 2 * columns;
        int w3 = 3 * columns;
        int x1 = x0 + columns;
        int x2 = x1 + columns;
        int x3 = x2 + columns;
        for (int c = 0; c < columns; c += 16) {
            FloatVector v0 = FloatVector.fromArray(F, w, c);
            FloatVector v1 = FloatVector.fromArray(F, w, w1 + c);
            FloatVector v2 = FloatVector.fromArray(F, w, w2 + c);
            FloatVector v3 = FloatVector.fromArray(F, w, w3 + c);
            FloatVector xt = FloatVector.fromArray(F, x, x0 + c);
            a00 = v0.fma(xt, a00);
            a10 = v1.fma(xt, a10);
            a20 = v2.fma(xt, a20);
            a30 = v3.fma(xt, a30);
            xt = FloatVector.fromArray(F, x, x1 + c);
            a01 = v0.fma(xt, a01);
            a11 = v1.fma(xt, a11);
            a21 = v2.fma(xt, a21);
            a31 = v3.fma(xt, a31);
            xt = FloatVector.fromArray(F, x, x2 + c);
            a02 = v0.fma(xt, a02);
            a12 = v1.fma(xt, a12);
            a22 = v2.fma(xt, a22);
            a32 = v3.fma(xt, a32);
            xt = FloatVector.fromArray(F, x, x3 + c);
            a03 = v0.fma(xt, a03);
            a13 = v1.fma(xt, a13);
            a23 = v2.fma(xt, a23);
            a33 = v3.fma(xt, a33);
        }
        out[o] = LaneSums.of512(a00);
        out[o + 1] = LaneSums.of512(a10);
        out[o + 2] = LaneSums.of512(a20);
        out[o + 3] = LaneSums.of512(a30);
        out[o + rows] = LaneSums.of512(a01);
        out[o + rows + 1] = LaneSums.of512(a11);
        out[o + rows + 2] = LaneSums.of512(a21);
        out[o + rows + 3] = LaneSums.of512(a31);
        out[o + 2 * rows] = LaneSums.of512(a02);
        out[o + 2 * rows + 1] = LaneSums.of512(a12);
        out[o + 2 * rows + 2] = LaneSums.of512(a22);
        out[o + 2 * rows + 3] = LaneSums.of512(a32);
        out[o + 3 * rows] = LaneSums.of512(a03);
        out[o + 3 * rows + 1] = LaneSums.of512(a13);
        out[o + 3 * rows + 2] = LaneSums.of512(a23);
        out[o + 3 * rows + 3] = LaneSums.of512(a33);
    }

    private static void tile4x1(float[] w, int columns, float[] x, int x0, float[] out, int o) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0, a2 = a0, a3 = a0;
        for (int c = 0; c < columns; c += 16) {
            FloatVector xt = FloatVector.fromArray(F, x, x0 + c);
            a0 = FloatVector.fromArray(F, w, c).fma(xt, a0);
            a1 = FloatVector.fromArray(F, w, columns + c).fma(xt, a1);
            a2 = FloatVector.fromArray(F, w, 2 * columns + c).fma(xt, a2);
            a3 = FloatVector.fromArray(F, w, 3 * columns + c).fma(xt, a3);
        }
        out[o] = LaneSums.of512(a0);
        out[o + 1] = LaneSums.of512(a1);
        out[o + 2] = LaneSums.of512(a2);
        out[o + 3] = LaneSums.of512(a3);
    }

    private static float tile1x1(float[] w, int columns, float[] x, int x0) {
        FloatVector a = FloatVector.zero(F);
        for (int c = 0; c < columns; c += 16) {
            a = FloatVector.fromArray(F, w, c).fma(FloatVector.fromArray(F, x, x0 + c), a);
        }
        return LaneSums.of512(a);
    }
}
