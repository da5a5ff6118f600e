package dev.sovereign.engine.kernel;

import dev.sovereign.engine.bench.MemoryBandwidth;
import dev.sovereign.engine.format.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GFLOP/s of the batched quantized matmul on the 0.5B shape's three matrix sizes, next to the machine's FMA peak
 * measured in the same run (independent FMA chains in registers on every thread), for batches from one token to a
 * prefill chunk; and the weight bytes read per second, next to the memory read bandwidth measured in the same run
 * (what bounds decoding one token). Run from the repository root:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.kernel.MatmulBenchmark THREADS [Q8_0|Q4_0|Q4_K|Q6_K|...] [1,4,16,64,256]
 * </pre>
 * {@code -Dshapes=0,2} keeps some of the three shapes (K-quants default to the one whose rows are a multiple of 256,
 * the MLP's down projection, as in a Q4_K_M file); {@code -Dcopies=N} multiplies N copies of each matrix in turn so
 * the weights come from memory, not cache (default: enough for 256 MB); {@code -Dsov.panelBatch=N} moves the batch
 * from which {@link DecodedPanels} takes over from {@link QuantizedTiles} (100000: never).
 */
public final class MatmulBenchmark {

    /** {rows, columns} of the 0.5B shape: attention output, MLP gate/up, MLP down. */
    private static final int[][] SHAPES = {{896, 896}, {4864, 896}, {896, 4864}};

    /** A constant, as C2 needs it to compile vector operations to instructions. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private MatmulBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        DType type = args.length > 1 ? DType.valueOf(args[1]) : DType.Q8_0;
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "1,4,16,64,256").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] shapes = Arrays.stream(System.getProperty("shapes", type.kQuant() ? "2" : "0,1,2").split(","))
                .mapToInt(Integer::parseInt).toArray();
        long bytesPerSet = 0;
        for (int shape : shapes) {
            bytesPerSet += SHAPES[shape][0] * type.bytesFor(SHAPES[shape][1]);
        }
        int copies = Integer.getInteger("copies", (int) Math.max(1, (256L << 20) / bytesPerSet));
        WeightMatrix[] matrices = new WeightMatrix[shapes.length * copies];
        for (int i = 0; i < shapes.length; i++) {
            WeightMatrix first = RandomWeights.matrix(type, SHAPES[shapes[i]][0], SHAPES[shapes[i]][1], i);
            for (int copy = 0; copy < copies; copy++) {
                matrices[copy * shapes.length + i] = copy == 0 ? first : copyOf(first);
            }
        }
        long weightBytes = bytesPerSet * copies;
        double peak = fmaPeak(threads);
        double bandwidth = MemoryBandwidth.measure(threads, 1L << 30, 5) / 1e9;
        System.out.printf(Locale.ROOT, "%s, %d copies of shapes %s (%.0f MB of weights)%n", type, copies,
                Arrays.toString(shapes), weightBytes / 1e6);
        System.out.printf(Locale.ROOT, "FMA peak, %d threads: %.1f GFLOP/s; memory read bandwidth: %.1f GB/s%n",
                threads, peak, bandwidth);
        System.out.println("| batch | GFLOP/s (median of 5) | share of FMA peak | ms per token per set of shapes"
                + " | weight GB/s | share of read bandwidth |");
        System.out.println("|---|---|---|---|---|---|");
        try (VectorKernels kernels = new VectorKernels(threads)) {
            for (int batch : batches) {
                double[] seconds = new double[5];
                long flops = 0;
                float[][] in = new float[matrices.length][];
                float[][] out = new float[matrices.length][];
                for (int i = 0; i < matrices.length; i++) {
                    flops += 2L * matrices[i].rows() * matrices[i].columns() * batch;
                    // copies of a shape share their activations and outputs: only the weights must not be cached
                    in[i] = i < shapes.length ? activations(batch * matrices[i].columns()) : in[i % shapes.length];
                    out[i] = i < shapes.length ? new float[batch * matrices[i].rows()] : out[i % shapes.length];
                }
                long warmUntil = System.nanoTime() + 2_000_000_000L; // the JIT compiles this batch's tiles
                while (System.nanoTime() < warmUntil) {
                    multiplyAll(kernels, matrices, in, out, batch);
                }
                for (int round = 0; round < seconds.length; round++) {
                    long start = System.nanoTime();
                    int reps = 0;
                    do {
                        multiplyAll(kernels, matrices, in, out, batch);
                        reps++;
                    } while (System.nanoTime() - start < 300_000_000L);
                    seconds[round] = (System.nanoTime() - start) / 1e9 / reps;
                }
                Arrays.sort(seconds);
                double median = seconds[seconds.length / 2];
                double gflops = flops / median / 1e9;
                double gbs = weightBytes / median / 1e9;
                System.out.printf(Locale.ROOT, "| %d | %.1f | %.0f%% | %.3f | %.1f | %.0f%% |%n", batch, gflops,
                        100 * gflops / peak, median * 1000 / batch / copies, gbs, 100 * gbs / bandwidth);
            }
        }
    }

    private static WeightMatrix copyOf(WeightMatrix w) {
        MemorySegment data = Arena.ofAuto().allocate(w.data().byteSize(), 64);
        data.copyFrom(w.data());
        return new WeightMatrix(w.name(), w.type(), w.rows(), w.columns(), data);
    }

    private static void multiplyAll(VectorKernels kernels, WeightMatrix[] matrices, float[][] in, float[][] out,
            int batch) {
        for (int i = 0; i < matrices.length; i++) {
            kernels.matmul(matrices[i], in[i], out[i], batch);
        }
    }

    private static float[] activations(int n) {
        float[] x = new float[n];
        SplittableRandom random = new SplittableRandom(n);
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** GFLOP/s of eight independent FMA chains per thread, on every thread at once. */
    static double fmaPeak(int threads) throws InterruptedException {
        long iterations = 50_000_000L;
        for (int i = 0; i < 20_000; i++) {
            fmaChains(1_000); // compiled before it is timed
        }
        double best = 0;
        for (int round = 0; round < 3; round++) {
            CountDownLatch done = new CountDownLatch(threads);
            float[] sink = new float[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread.ofPlatform().start(() -> {
                    sink[id] = fmaChains(iterations);
                    done.countDown();
                });
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * 8 * SPECIES.length() * iterations * threads / seconds / 1e9);
        }
        return best;
    }

    private static float fmaChains(long iterations) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
}
