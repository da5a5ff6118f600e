package dev.sovereign.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The attention kernel as it was before the F16 cache (ADR 0097): the same arithmetic over an F32 cache (values
 * F16-rounded, stored in four bytes), kept only as {@link AttentionBenchmark}'s peer. It handles what the benchmark
 * runs, one sequence and heads four vectors wide.
 */
final class F32CacheAttention {

    private static final VectorSpecies<Float> F = RowDot.F;

    private final Parallel parallel;

    F32CacheAttention(Parallel parallel) {
        this.parallel = parallel;
    }

    /** The F32 cache of {@code rows} rows (row-major, {@code kvDim} a row) holding what the F16 cache holds. */
    static float[] rowMajor(short[] halves, Kernels.AttentionShape shape, int rows) {
        float[] out = new float[rows * shape.kvDim()];
        for (int row = 0; row < rows; row++) {
            for (int h = 0; h < shape.kvHeads(); h++) {
                Fp16.widen(halves, shape.kvOffset(row, h), out, row * shape.kvDim() + h * shape.headDim(),
                        shape.headDim());
            }
        }
        return out;
    }

    /** Rows of a cache of {@code positions} whose blocks are scattered over the pool, as a block table scatters them. */
    static int[] scatteredBlocks(int positions) {
        int blocks = (positions + Kernels.KV_BLOCK - 1) / Kernels.KV_BLOCK;
        int[] rows = new int[positions];
        for (int p = 0; p < positions; p++) {
            int block = (int) ((p / Kernels.KV_BLOCK * 7919L + 3) % blocks);
            rows[p] = block * Kernels.KV_BLOCK + p % Kernels.KV_BLOCK;
        }
        return rows;
    }

    void attention(Kernels.AttentionShape shape, float[] q, float[] keys, float[] values, int[] kvRow, int startPos,
            int rows, float[] out) {
        int heads = shape.heads();
        int headDim = shape.headDim();
        int kvDim = shape.kvDim();
        int lanes = F.length();
        if (headDim != 4 * lanes) {
            throw new IllegalArgumentException("the F32 peer handles heads of " + 4 * lanes + " values, not " + headDim);
        }
        int group = heads / shape.kvHeads();
        parallel.forRange(rows * heads, 1, (from, to) -> {
            float[] scores = new float[startPos + rows];
            float[] query = new float[headDim];
            for (int task = from; task < to; task++) {
                int row = task / heads;
                int h = task % heads;
                int n = startPos + row + 1;
                int kvOff = (h / group) * headDim;
                int qOff = row * shape.qDim() + h * headDim;
                for (int i = 0; i < headDim; i++) {
                    query[i] = Fp16.round(q[qOff + i]);
                }
                FloatVector q0 = FloatVector.fromArray(F, query, 0);
                FloatVector q1 = FloatVector.fromArray(F, query, lanes);
                FloatVector q2 = FloatVector.fromArray(F, query, 2 * lanes);
                FloatVector q3 = FloatVector.fromArray(F, query, 3 * lanes);
                FloatVector zero = FloatVector.zero(F);
                float max = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < n; t++) {
                    int at = kvRow[t] * kvDim + kvOff;
                    FloatVector acc = q0.fma(FloatVector.fromArray(F, keys, at), zero);
                    acc = q1.fma(FloatVector.fromArray(F, keys, at + lanes), acc);
                    acc = q2.fma(FloatVector.fromArray(F, keys, at + 2 * lanes), acc);
                    acc = q3.fma(FloatVector.fromArray(F, keys, at + 3 * lanes), acc);
                    scores[t] = LaneSums.of(acc) * shape.scale();
                    max = Math.max(max, scores[t]);
                }
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    scores[t] = (float) Math.exp(scores[t] - max);
                    sum += scores[t];
                }
                float inv = (float) (1.0 / sum);
                FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (int t = 0; t < n; t++) {
                    int at = kvRow[t] * kvDim + kvOff;
                    FloatVector w = FloatVector.broadcast(F, Fp16.round(scores[t] * inv));
                    a0 = FloatVector.fromArray(F, values, at).fma(w, a0);
                    a1 = FloatVector.fromArray(F, values, at + lanes).fma(w, a1);
                    a2 = FloatVector.fromArray(F, values, at + 2 * lanes).fma(w, a2);
                    a3 = FloatVector.fromArray(F, values, at + 3 * lanes).fma(w, a3);
                }
                a0.intoArray(out, qOff);
                a1.intoArray(out, qOff + lanes);
                a2.intoArray(out, qOff + 2 * lanes);
                a3.intoArray(out, qOff + 3 * lanes);
            }
        });
    }
}
