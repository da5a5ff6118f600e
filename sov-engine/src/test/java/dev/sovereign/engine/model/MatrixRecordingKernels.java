package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.util.ArrayList;
import java.util.List;

/** Kernels that note the name and batch of every matrix multiplied, in call order, and delegate the math. */
final class MatrixRecordingKernels implements Kernels {

    record Call(String matrix, int batch) {
    }

    private final Kernels inner;
    private final List<Call> calls = new ArrayList<>();

    MatrixRecordingKernels(Kernels inner) {
        this.inner = inner;
    }

    List<Call> calls() {
        return calls;
    }

    @Override
    public void matmul(WeightMatrix w, float[] in, float[] out, int batch) {
        calls.add(new Call(w.name(), batch));
        inner.matmul(w, in, out, batch);
    }

    @Override
    public void embedding(WeightMatrix table, int row, float[] out, int offset) {
        inner.embedding(table, row, out, offset);
    }

    @Override
    public void rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        inner.rmsNorm(x, xOff, weight, eps, out, outOff, n);
    }

    @Override
    public void swiglu(float[] gate, float[] up, int n) {
        inner.swiglu(gate, up, n);
    }

    @Override
    public void attention(AttentionShape shape, float[] q, short[][] keys, short[][] values, int[][] kvRows,
            int[] startPos, int[] firstRow, int[] rows, float[] out) {
        inner.attention(shape, q, keys, values, kvRows, startPos, firstRow, rows, out);
    }

    @Override
    public int threads() {
        return inner.threads();
    }

    @Override
    public void close() {
        inner.close();
    }
}
