package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * CPU kernels with the Vector API, spread over a fixed number of threads. Quantized weights are multiplied with
 * activations quantized to Q8_0 and F16 weights with activations rounded to F16, as llama.cpp's CPU backend does,
 * so greedy decoding agrees with it token for token.
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Float> F = RowDot.F;
    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Tokens from which decoding weight rows once for the whole batch beats decoding them per tile. */
    static final int PANEL_BATCH = Integer.getInteger("sov.panelBatch", 32);

    private final Parallel parallel;

    public VectorKernels(int threads) {
        this.parallel = new Parallel(threads);
    }

    @Override
    public int threads() {
        return parallel.threads();
    }

    @Override
    public void matmul(WeightMatrix w, float[] in, float[] out, int batch) {
        int rows = w.rows();
        int cols = w.columns();
        long rowBytes = w.rowBytes();
        MemorySegment seg = w.data();
        int minRows = Math.max(1, 64 / batch);
        switch (w.type()) {
            case Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> {
                // The types added with K-quants always take the decoded panels: the quantized tiles inline their
                // decoding only for Q8_0 and Q4_0 (ADR 0095), and RowDot's integer path serves those two on
                // machines without 512-bit vectors.
                boolean tiled = w.type() == DType.Q8_0 || w.type() == DType.Q4_0;
                if (QuantizedTiles.available() || !tiled) {
                    float[] x = new float[batch * cols];
                    boolean kQuant = w.type().kQuant();
                    parallel.forRange(batch, 1, (from, to) -> {
                        for (int b = from; b < to; b++) {
                            if (kQuant) {
                                Quantizer.activationsThroughQ8K(in, b * cols, cols, x, b * cols);
                            } else {
                                Quantizer.activationsThroughQ8(in, b * cols, cols, x, b * cols);
                            }
                        }
                    });
                    if (batch >= PANEL_BATCH || !tiled) {
                        int groups = (rows + DecodedPanels.ROWS - 1) / DecodedPanels.ROWS;
                        parallel.forRange(groups, 1, (from, to) -> DecodedPanels.multiply(w, from * DecodedPanels.ROWS,
                                Math.min(rows, to * DecodedPanels.ROWS), x, batch, out));
                    } else {
                        parallel.forRange(rows, minRows,
                                (from, to) -> QuantizedTiles.multiply(w, from, to, x, batch, out));
                    }
                    return;
                }
                short[] xq = new short[batch * cols];
                float[] xd = new float[batch * cols / 32];
                parallel.forRange(batch, 1, (from, to) -> {
                    for (int b = from; b < to; b++) {
                        Quantizer.activationsToQ8(in, b * cols, cols, xq, b * cols, xd, b * cols / 32);
                    }
                });
                boolean q8 = w.type() == DType.Q8_0;
                int blocks = cols / 32;
                parallel.forRange(rows, minRows, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        long at = r * rowBytes;
                        int b = 0;
                        for (; b + 4 <= batch; b += 4) {
                            RowDot.quantized4(!q8, seg, at, xq, xd, cols, b, blocks, out, b * rows + r, rows);
                        }
                        for (; b < batch; b++) {
                            out[b * rows + r] = q8 ? RowDot.q8_0(seg, at, xq, xd, b * cols, blocks)
                                    : RowDot.q4_0(seg, at, xq, xd, b * cols, blocks);
                        }
                    }
                });
            }
            case F16 -> {
                float[] x = java.util.Arrays.copyOf(in, batch * cols);
                Fp16.round(x, 0, x.length);
                parallel.forRange(rows, minRows, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        for (int b = 0; b < batch; b++) {
                            out[b * rows + r] = RowDot.f16(seg, r * rowBytes, x, b * cols, cols);
                        }
                    }
                });
            }
            case BF16 -> {
                float[] x = new float[batch * cols];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Fp16.roundBf16(in[i]);
                }
                parallel.forRange(rows, minRows, (from, to) -> {
                    for (int r = from; r < to; r++) {
                        for (int b = 0; b < batch; b++) {
                            out[b * rows + r] = RowDot.bf16(seg, r * rowBytes, x, b * cols, cols);
                        }
                    }
                });
            }
            case F32 -> parallel.forRange(rows, minRows, (from, to) -> {
                for (int r = from; r < to; r++) {
                    for (int b = 0; b < batch; b++) {
                        out[b * rows + r] = RowDot.f32(seg, r * rowBytes, in, b * cols, cols);
                    }
                }
            });
        }
    }

    @Override
    public void embedding(WeightMatrix table, int row, float[] out, int offset) {
        int cols = table.columns();
        long at = row * table.rowBytes();
        MemorySegment seg = table.data();
        switch (table.type()) {
            case F32 -> MemorySegment.copy(seg, FLOAT, at, out, offset, cols);
            case F16 -> {
                for (int i = 0; i < cols; i++) {
                    out[offset + i] = Float.float16ToFloat(seg.get(SHORT, at + i * 2L));
                }
            }
            case BF16 -> {
                for (int i = 0; i < cols; i++) {
                    out[offset + i] = Float.intBitsToFloat(seg.get(SHORT, at + i * 2L) << 16);
                }
            }
            default -> QuantizedBlocks.decodeRow(table.type(), seg, at, cols, out, offset);
        }
    }

    @Override
    public void rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[xOff + i] * x[xOff + i];
        }
        float scale = (float) (1.0 / Math.sqrt(sum / n + eps));
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * weight[i];
        }
    }

    @Override
    public void swiglu(float[] gate, float[] up, int n) {
        parallel.forRange(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
        });
    }

    @Override
    public void attention(AttentionShape shape, float[] q, float[][] keys, float[][] values, int[][] kvRows,
            int[] startPos, int[] firstRow, int[] rows, float[] out) {
        int heads = shape.heads();
        int headDim = shape.headDim();
        int kvDim = shape.kvDim();
        int group = heads / shape.kvHeads();
        int totalRows = 0;
        int longest = 0;
        for (int s = 0; s < rows.length; s++) {
            totalRows = Math.max(totalRows, firstRow[s] + rows[s]);
            longest = Math.max(longest, startPos[s] + rows[s]);
        }
        int[] sequenceOfRow = new int[totalRows];
        for (int s = 0; s < rows.length; s++) {
            java.util.Arrays.fill(sequenceOfRow, firstRow[s], firstRow[s] + rows[s], s);
        }
        int scoresLength = longest;
        // One task per (row, head) over every sequence: a decode step of many sequences is one fork, not one each.
        parallel.forRange(totalRows * heads, 1, (from, to) -> {
            float[] scores = new float[scoresLength];
            float[] query = new float[headDim];
            for (int task = from; task < to; task++) {
                int row = task / heads;
                int h = task % heads;
                int s = sequenceOfRow[row];
                float[] k = keys[s];
                float[] v = values[s];
                int[] kvRow = kvRows[s];
                int last = startPos[s] + row - firstRow[s];
                int kvOff = (h / group) * headDim;
                int qOff = row * shape.qDim() + h * headDim;
                // llama.cpp multiplies the F16 key cache with F16-rounded queries
                for (int i = 0; i < headDim; i++) {
                    query[i] = Fp16.round(q[qOff + i]);
                }
                float max = headDim == 4 * F.length()
                        ? scoresOfFourVectorHead(query, k, kvRow, kvDim, kvOff, last + 1, shape.scale(), scores)
                        : scores(query, k, kvRow, kvDim, kvOff, headDim, last + 1, shape.scale(), scores);
                float inv = (float) (1.0 / exponentiate(scores, last + 1, max));
                for (int t = 0; t <= last; t++) {
                    scores[t] = Fp16.round(scores[t] * inv); // llama.cpp weighs the F16 values with F16 probabilities
                }
                weightedSum(scores, last + 1, v, kvRow, kvDim, kvOff, out, qOff, headDim);
            }
        });
    }

    /** {@code scores[t] = scale * query . keys[kvRow[t] * kvDim + kvOff ..]} for {@code t < n}; returns their maximum. */
    private static float scores(float[] query, float[] keys, int[] kvRow, int kvDim, int kvOff, int headDim, int n,
            float scale, float[] scores) {
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            float score = dot(query, 0, keys, kvRow[t] * kvDim + kvOff, headDim) * scale;
            scores[t] = score;
            max = Math.max(max, score);
        }
        return max;
    }

    /**
     * The same for a head four vectors wide (64 values on 512-bit vectors, Qwen2.5's small models): the query stays
     * in four registers instead of being reloaded per position. Same FMA sequence as {@link #dot}, so the same bits.
     */
    private static float scoresOfFourVectorHead(float[] query, float[] keys, int[] kvRow, int kvDim, int kvOff, int n,
            float scale, float[] scores) {
        int lanes = F.length();
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
            float score = LaneSums.of(acc) * scale;
            scores[t] = score;
            max = Math.max(max, score);
        }
        return max;
    }

    /**
     * {@code scores[t] = exp(scores[t] - max)} for {@code t < n}; returns their sum. Scalar on purpose: the Vector
     * API's {@code EXP} runs a different algorithm before and after the JIT compiles it (Java's in the interpreter,
     * a vector library's in C2), which made the same request's tokens depend on how warm the process was.
     * {@code Math.exp} gives the same bits in every tier.
     */
    private static double exponentiate(float[] scores, int n, float max) {
        double sum = 0;
        for (int t = 0; t < n; t++) {
            float e = (float) Math.exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }
        return sum;
    }

    /**
     * {@code out[o ..] = sum over t < n of weights[t] * values[kvRow[t] * kvDim + kvOff ..]}, {@code headDim} wide.
     * Four vectors of the output (a 64-wide head) stay in registers while every position adds to them: four
     * independent FMA chains, one block-table lookup per position, no load and store of the output per position.
     */
    private static void weightedSum(float[] weights, int n, float[] values, int[] kvRow, int kvDim, int kvOff,
            float[] out, int o, int headDim) {
        int lanes = F.length();
        int i = 0;
        for (; i + 4 * lanes <= headDim; i += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0; t < n; t++) {
                int at = kvRow[t] * kvDim + kvOff + i;
                FloatVector w = FloatVector.broadcast(F, weights[t]);
                a0 = FloatVector.fromArray(F, values, at).fma(w, a0);
                a1 = FloatVector.fromArray(F, values, at + lanes).fma(w, a1);
                a2 = FloatVector.fromArray(F, values, at + 2 * lanes).fma(w, a2);
                a3 = FloatVector.fromArray(F, values, at + 3 * lanes).fma(w, a3);
            }
            a0.intoArray(out, o + i);
            a1.intoArray(out, o + i + lanes);
            a2.intoArray(out, o + i + 2 * lanes);
            a3.intoArray(out, o + i + 3 * lanes);
        }
        for (int upper = F.loopBound(headDim); i < upper; i += lanes) {
            FloatVector acc = FloatVector.zero(F);
            for (int t = 0; t < n; t++) {
                acc = FloatVector.fromArray(F, values, kvRow[t] * kvDim + kvOff + i)
                        .fma(FloatVector.broadcast(F, weights[t]), acc);
            }
            acc.intoArray(out, o + i);
        }
        for (; i < headDim; i++) {
            float acc = 0;
            for (int t = 0; t < n; t++) {
                acc += weights[t] * values[kvRow[t] * kvDim + kvOff + i];
            }
            out[o + i] = acc;
        }
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
            }
            sum = LaneSums.of(acc);
        }
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    @Override
    public void close() {
        parallel.close();
    }
}
