package dev.sovereign.engine.model;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.sampling.TokenSampler;
import dev.sovereign.engine.testmodel.MoeTestModelSpec;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decode speed of a mixture-of-experts model against a dense model of the same active parameter count: a
 * Mixtral-shaped random-weight model ({@code EXPERTS} experts of width {@code EXPERT_FFN}, {@code USED} per token) and
 * a Mistral-shaped one whose feed-forward is {@code USED x EXPERT_FFN} wide, same attention, both Q8_0. A token reads
 * the same bytes of weights from both (plus the small router), so the ratio of their decode rates says what routing,
 * grouping and the smaller matmuls cost; 1.0 is the ideal. Batched decode ({@code SEQUENCES} sequences a step) is
 * reported too: there a step reads every expert some sequence chose, so the MoE model reads more than the dense one and
 * its ratio falls towards {@code USED / EXPERTS} of the expert bytes as the batch grows. The two models alternate, and
 * the medians of the rounds are printed.
 * Run from the repository root, after {@code test-compile} and {@code dependency:build-classpath}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.model.MoeDecodeBenchmark THREADS [DIM=1024] [LAYERS=4] [EXPERTS=8] [USED=2] [EXPERT_FFN=1024] \
 *     [TOKENS=64] [ROUNDS=5] [SEQUENCES=8]
 * </pre>
 */
public final class MoeDecodeBenchmark {

    private static final int PROMPT = 32;

    private MoeDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int dim = arg(args, 1, 1024);
        int layers = arg(args, 2, 4);
        int experts = arg(args, 3, 8);
        int used = arg(args, 4, 2);
        int expertFfn = arg(args, 5, 1024);
        int tokens = arg(args, 6, 64);
        int rounds = arg(args, 7, 5);
        int sequences = arg(args, 8, 8);
        int headDim = 64;
        int heads = dim / headDim;
        Path dir = Files.createTempDirectory("moe-bench");
        MoeTestModelSpec moeSpec = new MoeTestModelSpec(new TestModelSpec("bench-moe", "mistral", dim, layers, heads,
                heads / 2, headDim, expertFfn, 1000000f, false, false, false, DType.Q8_0, 41), experts, used, true);
        TestModelSpec denseSpec = new TestModelSpec("bench-dense", "mistral", dim, layers, heads, heads / 2, headDim,
                used * expertFfn, 1000000f, false, false, false, DType.Q8_0, 42);
        LoadedModel moe = ModelLoader.load(MoeTestModels.writeGguf(moeSpec, dir));
        LoadedModel dense = ModelLoader.load(TestModels.writeGguf(denseSpec, dir));
        System.out.printf(Locale.ROOT, "%d threads; %d layers %d wide; MoE %d experts x %d, %d a token; dense FFN %d; "
                + "weights a token: MoE %.1f MB, dense %.1f MB%n", threads, layers, dim, experts, expertFfn, used,
                used * expertFfn, moe.weightBytesPerToken() / 1e6, dense.weightBytesPerToken() / 1e6);
        try (VectorKernels kernels = new VectorKernels(threads)) {
            Transformer moeT = moe.transformer(kernels);
            Transformer denseT = dense.transformer(kernels);
            for (int batch : new int[] {1, sequences}) {
                decodeRate(moeT, 1, 8, batch); // warm-up
                decodeRate(denseT, 1, 8, batch);
                double[] moeRates = new double[rounds];
                double[] denseRates = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    moeRates[r] = decodeRate(moeT, r, tokens, batch);
                    denseRates[r] = decodeRate(denseT, r, tokens, batch);
                }
                double m = median(moeRates);
                double d = median(denseRates);
                System.out.printf(Locale.ROOT, "%d sequence(s): MoE %.1f tok/s, dense %.1f tok/s, MoE/dense %.2f%n",
                        batch, m, d, m / d);
            }
        }
    }

    /** Tokens a second over {@code steps} decode steps of {@code batch} sequences, each after a 32-token prompt. */
    private static double decodeRate(Transformer t, int seed, int steps, int batch) {
        int vocab = t.config().vocabSize();
        List<int[]> tokens = new ArrayList<>();
        List<KvCache> caches = new ArrayList<>();
        for (int s = 0; s < batch; s++) {
            int[] seq = new int[PROMPT + steps];
            for (int i = 0; i < PROMPT; i++) {
                seq[i] = Math.floorMod((seed * 31 + s) * 7919 + i * 104729, vocab);
            }
            KvCache cache = t.newCache(seq.length);
            seq[PROMPT] = TokenSampler.argmax(t.forward(seq, 0, PROMPT, 0, cache));
            tokens.add(seq);
            caches.add(cache);
        }
        long start = System.nanoTime();
        for (int step = 0; step < steps - 1; step++) {
            int at = PROMPT + step;
            List<Transformer.Slice> slices = new ArrayList<>();
            for (int s = 0; s < batch; s++) {
                slices.add(new Transformer.Slice(tokens.get(s), at, 1, at, caches.get(s), true));
            }
            float[][] logits = t.forward(slices);
            for (int s = 0; s < batch; s++) {
                tokens.get(s)[at + 1] = TokenSampler.argmax(logits[s]);
            }
        }
        return (steps - 1) * (double) batch / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
