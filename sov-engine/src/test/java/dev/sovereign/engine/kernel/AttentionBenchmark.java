package dev.sovereign.engine.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One layer's attention on the 0.5B shape (14 query heads, 2 KV heads of 64) over a 1,016-position paged cache, for a
 * decode step (1 row) and a prefill chunk or warm prompt (16 rows), next to the FMA peak measured in the same run
 * (each (row, head, position) costs 256 flops: a 64-wide dot product and a 64-wide weighted sum). Run from the
 * repository root:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.kernel.AttentionBenchmark THREADS
 * </pre>
 */
public final class AttentionBenchmark {

    private static final int HEADS = 14;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 64;
    private static final int CONTEXT = 1016;

    private AttentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        double peak = MatmulBenchmark.fmaPeak(threads);
        System.out.printf(Locale.ROOT, "FMA peak, %d threads: %.1f GFLOP/s%n", threads, peak);
        System.out.println("| rows | ms per layer call (median of 300) | ns per (row, head, position) | share of FMA peak |");
        System.out.println("|---|---|---|---|");
        SplittableRandom random = new SplittableRandom(1);
        float[] keys = halfPrecision(random, CONTEXT * KV_HEADS * HEAD_DIM);
        float[] values = halfPrecision(random, CONTEXT * KV_HEADS * HEAD_DIM);
        int[] kvRow = new int[CONTEXT];
        for (int p = 0; p < CONTEXT; p++) {
            kvRow[p] = (int) ((p * 7919L) % CONTEXT); // scattered, as blocks of a paged cache are
        }
        Kernels.AttentionShape shape = new Kernels.AttentionShape(HEADS, KV_HEADS, HEAD_DIM, 0.125f);
        try (VectorKernels kernels = new VectorKernels(threads)) {
            for (int rows : new int[] {1, 16}) {
                float[] q = halfPrecision(random, rows * HEADS * HEAD_DIM);
                float[] out = new float[q.length];
                double[] ms = new double[300];
                for (int round = -200; round < ms.length; round++) {
                    long start = System.nanoTime();
                    kernels.attention(shape, q, new float[][] {keys}, new float[][] {values}, new int[][] {kvRow},
                            new int[] {CONTEXT - rows}, new int[] {0}, new int[] {rows}, out);
                    if (round >= 0) {
                        ms[round] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(ms);
                double median = ms[ms.length / 2];
                long triples = (long) HEADS * rows * (CONTEXT - rows + 1 + CONTEXT) / 2;
                double gflops = 256.0 * triples / (median / 1e3) / 1e9;
                System.out.printf(Locale.ROOT, "| %d | %.3f | %.2f | %.0f%% |%n", rows, median, median * 1e6 / triples,
                        100 * gflops / peak);
            }
        }
    }

    private static float[] halfPrecision(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Fp16.round((float) random.nextGaussian());
        }
        return x;
    }
}
