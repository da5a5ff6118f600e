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
    /** Each thread's attention scratch, kept between calls: it grows with the context, up to heads x positions. */
    private final ThreadLocal<GroupAttention> attentionScratch = new ThreadLocal<>();

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

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
    public void geglu(float[] gate, float[] up, int n) {
        parallel.forRange(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                double g = gate[i];
                double inner = SQRT_2_OVER_PI * (g + 0.044715 * g * g * g);
                gate[i] = (float) (0.5 * g * (1 + Math.tanh(inner))) * up[i];
            }
        });
    }

    @Override
    public void attention(AttentionShape shape, float[] q, short[][] keys, short[][] values, int[][] kvRows,
            int[] startPos, int[] firstRow, int[] rows, float[] out) {
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
        // A task is one row and a few query heads of one KV head, which share each widened key and value. Whole
        // groups when there are enough (row, KV head) pairs to keep the team busy, single heads otherwise.
        int group = shape.heads() / shape.kvHeads();
        int headsPerTask = totalRows * shape.kvHeads() >= parallel.threads() ? group : 1;
        int tasksPerRow = shape.heads() / headsPerTask;
        int scoresLength = longest;
        parallel.forRange(totalRows * tasksPerRow, 1, (from, to) -> {
            GroupAttention work = attentionScratch.get();
            if (work == null || !work.fits(shape, headsPerTask, scoresLength)) {
                // a power of two, so a decode that grows by one position a step allocates again only when it doubles
                work = new GroupAttention(shape, headsPerTask, Integer.highestOneBit(Math.max(1, scoresLength - 1)) * 2);
                attentionScratch.set(work);
            }
            for (int task = from; task < to; task++) {
                int row = task / tasksPerRow;
                int s = sequenceOfRow[row];
                int firstHead = task % tasksPerRow * headsPerTask;
                work.run(q, keys[s], values[s], kvRows[s], startPos[s] + row - firstRow[s], row, firstHead, out);
            }
        });
    }

    @Override
    public void close() {
        parallel.close();
    }
}
