package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark of the serving engine (no HTTP): output tokens/s at 1, 4 and 16 concurrent streams (ratio against our own
 * single stream, measured in the same run), and time to first token of a prompt whose 1,000-token prefix is cached
 * against the same prompt cold. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.ServingBenchmark models/sov-tiny [THREADS]
 * </pre>
 */
public final class ServingBenchmark {

    private static final int PROMPT = 256;
    private static final int OUTPUT = 64;

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.load(Path.of(args[0]));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int vocab = model.config().vocabSize();
        EngineSettings settings = EngineSettings.defaults("bench").withMaxModelLen(2048).withKvCacheBytes(256L << 20)
                .withThreads(threads);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            run(engine, vocab, 1, 7);
            double single = 0;
            for (int streams : new int[] {1, 4, 16}) {
                double tps = run(engine, vocab, streams, streams * 31L);
                single = streams == 1 ? tps : single;
                System.out.printf(Locale.ROOT, "streams %2d: %8.1f output tok/s  (%.2fx single stream)%n", streams, tps, tps / single);
            }
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                int[] prefix = randomTokens(vocab, 1000, 1000 + round);
                int[] first = concat(prefix, randomTokens(vocab, 8, 77 + round));
                int[] second = concat(prefix, randomTokens(vocab, 8, 99 + round));
                cold.add(ttft(engine, first));
                warm.add(ttft(engine, second));
            }
            double c = median(cold);
            double w = median(warm);
            System.out.printf(Locale.ROOT, "TTFT 1,008-token prompt: cold %.1f ms, 1,000-token prefix cached %.1f ms (%.1f%% of cold)%n",
                    c * 1e3, w * 1e3, 100 * w / c);
            System.out.printf(Locale.ROOT, "KV bytes per token: %d%n", KvBlockPool.bytesPerToken(model.config()));
        }
    }

    private static double run(ServingEngine engine, int vocab, int streams, long seed) throws Exception {
        SamplingOptions options = new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 1, OUTPUT, List.of(), Set.of(), true, false, 0);
        long start = System.nanoTime();
        List<CompletableFuture<ServingEngine.Result>> results = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            results.add(engine.generate(randomTokens(vocab, PROMPT, seed + i), options));
        }
        int tokens = 0;
        for (CompletableFuture<ServingEngine.Result> r : results) {
            tokens += r.get().tokens().length;
        }
        return tokens / ((System.nanoTime() - start) / 1e9);
    }

    private static double ttft(ServingEngine engine, int[] prompt) throws Exception {
        CompletableFuture<Double> first = new CompletableFuture<>();
        long start = System.nanoTime();
        engine.submit(prompt, SamplingOptions.greedy(1), new SequenceListener() {
            @Override
            public void onToken(SampledToken token, String text) {
                first.complete((System.nanoTime() - start) / 1e9);
            }

            @Override
            public void onFinish(Completion completion) {
                first.complete((System.nanoTime() - start) / 1e9);
            }
        });
        return first.get();
    }

    private static int[] randomTokens(int vocab, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // ordinary tokens only: the top of sov-tiny's vocabulary is its special tokens
        return random.ints(count, 0, vocab - 16).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
