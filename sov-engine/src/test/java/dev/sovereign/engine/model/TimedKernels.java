package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.WeightMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kernels that add the wall time of every call to a named bucket: matmuls by the matrix's shape (the LM head is the
 * one with {@code vocab} rows), attention, norms, SwiGLU, embedding. What a forward pass spends outside the kernels
 * (rope, bias, the KV write, allocation) is the forward time less their sum. For {@link DecodeStepBenchmark}.
 *
 * <p>With {@code cpuTime}, the clock is the calling thread's CPU time: on a machine loaded by other processes that
 * still measures the work (not the waiting for a core), provided the kernels run on the calling thread alone (one
 * thread).
 */
final class TimedKernels implements Kernels {

    private final Kernels inner;
    private final int vocab;
    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private final boolean cpuTime;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    TimedKernels(Kernels inner, int vocab, boolean cpuTime) {
        this.inner = inner;
        this.vocab = vocab;
        this.cpuTime = cpuTime;
    }

    /** Now, on this benchmark's clock. */
    long now() {
        return cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Nanoseconds per bucket since the last reset. */
    Map<String, long[]> nanos() {
        return nanos;
    }

    void reset() {
        nanos.clear();
    }

    private void add(String bucket, long start) {
        nanos.computeIfAbsent(bucket, k -> new long[1])[0] += now() - start;
    }

    @Override
    public void matmul(WeightMatrix w, float[] in, float[] out, int batch) {
        long start = now();
        inner.matmul(w, in, out, batch);
        add(w.rows() == vocab ? "matmul LM head" : "matmul " + w.rows() + "x" + w.columns(), start);
    }

    @Override
    public void embedding(WeightMatrix table, int row, float[] out, int offset) {
        long start = now();
        inner.embedding(table, row, out, offset);
        add("embedding", start);
    }

    @Override
    public void rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        long start = now();
        inner.rmsNorm(x, xOff, weight, eps, out, outOff, n);
        add("rmsNorm", start);
    }

    @Override
    public void swiglu(float[] gate, float[] up, int n) {
        long start = now();
        inner.swiglu(gate, up, n);
        add("swiglu", start);
    }

    @Override
    public void geglu(float[] gate, float[] up, int n) {
        long start = now();
        inner.geglu(gate, up, n);
        add("geglu", start);
    }

    @Override
    public void attention(AttentionShape shape, float[] q, short[][] keys, short[][] values, int[][] kvRows,
            int[] startPos, int[] firstRow, int[] rows, float[] out) {
        long start = now();
        inner.attention(shape, q, keys, values, kvRows, startPos, firstRow, rows, out);
        add("attention", start);
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
