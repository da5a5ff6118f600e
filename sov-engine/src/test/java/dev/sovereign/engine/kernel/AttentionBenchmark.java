package dev.sovereign.engine.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One layer's attention on the 0.5B shape (14 query heads, 2 KV heads of 64) over a 1,016-position paged cache, for a
 * decode step (1 row) and a prefill chunk or warm prompt (16 rows): the kernel over the F16 cache next to its peer,
 * the same arithmetic over the F32 cache it replaced ({@link F32CacheAttention}), measured in the same run in
 * alternating rounds, and the FMA peak (each (row, head, position) costs 256 flops: a 64-wide dot product and a
 * 64-wide weighted sum). Both must give the same bits. Run from the repository root:
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
    private static final int ROUNDS = 15;
    private static final int CALLS_PER_ROUND = 20;

    private AttentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        double peak = MatmulBenchmark.fmaPeak(threads);
        System.out.printf(Locale.ROOT, "FMA peak, %d threads: %.1f GFLOP/s%n", threads, peak);
        System.out.println("| rows | F32 cache, ms per layer call | F16 cache, ms | F16 / F32 time | F16 share of FMA peak |"
                + " KV bytes per position, F32 / F16 |");
        System.out.println("|---|---|---|---|---|---|");
        SplittableRandom random = new SplittableRandom(1);
        Kernels.AttentionShape shape = new Kernels.AttentionShape(HEADS, KV_HEADS, HEAD_DIM, 0.125f);
        int poolRows = (CONTEXT + Kernels.KV_BLOCK - 1) / Kernels.KV_BLOCK * Kernels.KV_BLOCK;
        short[] keys = halves(random, poolRows * KV_HEADS * HEAD_DIM);
        short[] values = halves(random, poolRows * KV_HEADS * HEAD_DIM);
        float[] keys32 = F32CacheAttention.rowMajor(keys, shape, poolRows);
        float[] values32 = F32CacheAttention.rowMajor(values, shape, poolRows);
        int[] kvRow = F32CacheAttention.scatteredBlocks(CONTEXT);
        try (VectorKernels kernels = new VectorKernels(threads); Parallel peerTeam = new Parallel(threads)) {
            F32CacheAttention peer = new F32CacheAttention(peerTeam);
            for (int rows : new int[] {1, 16}) {
                float[] q = widened(halves(random, rows * HEADS * HEAD_DIM));
                float[] ours = new float[q.length];
                float[] theirs = new float[q.length];
                Runnable f16 = () -> kernels.attention(shape, q, new short[][] {keys}, new short[][] {values},
                        new int[][] {kvRow}, new int[] {CONTEXT - rows}, new int[] {0}, new int[] {rows}, ours);
                Runnable f32 = () -> peer.attention(shape, q, keys32, values32, kvRow, CONTEXT - rows, rows, theirs);
                double[] msF32 = new double[ROUNDS * CALLS_PER_ROUND];
                double[] msF16 = new double[ROUNDS * CALLS_PER_ROUND];
                time(f32, new double[200], 0, 200);
                time(f16, new double[200], 0, 200);
                for (int round = 0; round < ROUNDS; round++) {
                    time(f32, msF32, round * CALLS_PER_ROUND, (round + 1) * CALLS_PER_ROUND);
                    time(f16, msF16, round * CALLS_PER_ROUND, (round + 1) * CALLS_PER_ROUND);
                }
                if (!Arrays.equals(ours, theirs)) {
                    throw new AssertionError("the F16 cache's attention differs from the F32 cache's at " + rows + " rows");
                }
                double f32Median = median(msF32);
                double f16Median = median(msF16);
                long triples = (long) HEADS * rows * (CONTEXT - rows + 1 + CONTEXT) / 2;
                double gflops = 256.0 * triples / (f16Median / 1e3) / 1e9;
                System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.2f | %.0f%% | %d / %d |%n", rows, f32Median,
                        f16Median, f16Median / f32Median, 100 * gflops / peak, 2 * KV_HEADS * HEAD_DIM * Float.BYTES,
                        2 * KV_HEADS * HEAD_DIM * Short.BYTES);
            }
        }
    }

    /** Times calls into {@code ms[from .. to)}, then pauses so the idle thread team parks instead of spinning. */
    private static void time(Runnable call, double[] ms, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Thread.sleep(5);
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static short[] halves(SplittableRandom random, int n) {
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.floatToFloat16((float) random.nextGaussian());
        }
        return x;
    }

    private static float[] widened(short[] half) {
        float[] x = new float[half.length];
        Fp16.widen(half, 0, x, 0, half.length);
        return x;
    }
}
