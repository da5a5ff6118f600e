package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Output tokens/s against concurrent streams (256-token prompts, 128 output tokens, greedy, ignore_eos) for our
 * serving engine called in-process, with our ratio to our own single stream in the same run. Our engine is warmed up
 * first (a JIT compiles its kernels during the first seconds). The peer comparison is {@code sov bench serving}
 * against {@code sov engine} and a natively built llama-server with the same client (ADR 0099): the de.kherud
 * binding's parallel slots, this benchmark's peer until then, did not scale with the slot count. Run from the
 * repository root:
 * <pre>
 * ./mvnw -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.ConcurrencyBenchmark MODEL.gguf THREADS 1,4,16
 * </pre>
 */
public final class ConcurrencyBenchmark {

    private static final int PROMPT = 256;
    private static final int OUTPUT = 128;

    private ConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path gguf = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int[] levels = java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        LoadedModel model = ModelLoader.load(gguf);
        int vocab = model.config().vocabSize();
        warmUp(model, threads, vocab);
        double single = 0;
        System.out.println("| streams | Sovereign tok/s | vs our single stream |");
        System.out.println("|---|---|---|");
        for (int streams : levels) {
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                prompts.add(new SplittableRandom(1000L * streams + i).ints(PROMPT, 100, vocab - 100).toArray());
            }
            double ours;
            EngineSettings settings = EngineSettings.defaults("bench").withMaxNumSeqs(streams).withMaxModelLen(PROMPT + OUTPUT + 64)
                    .withKvCacheBytes(KvBlockPool.bytesPerToken(model.config()) * (long) (PROMPT + OUTPUT + 64) * streams)
                    .withThreads(threads);
            try (ServingEngine engine = new ServingEngine(model, settings)) {
                ours = ours(engine, prompts);
            }
            single = single == 0 ? ours : single;
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.2fx |%n", streams, ours, ours / single);
        }
    }

    /** Compiles the hot paths first, so the first level measured is not the one that pays for the JIT. */
    private static void warmUp(LoadedModel model, int threads, int vocab) throws Exception {
        EngineSettings settings = EngineSettings.defaults("bench").withMaxNumSeqs(4).withMaxModelLen(PROMPT + OUTPUT + 64)
                .withKvCacheBytes(KvBlockPool.bytesPerToken(model.config()) * (long) (PROMPT + OUTPUT + 64) * 4)
                .withThreads(threads);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                prompts.add(new SplittableRandom(7 + i).ints(PROMPT, 100, vocab - 100).toArray());
            }
            ours(engine, prompts.subList(0, 1));
            ours(engine, prompts);
        }
    }

    private static double ours(ServingEngine engine, List<int[]> prompts) throws Exception {
        SamplingOptions options = new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 1, OUTPUT, List.of(), Set.of(), true, false, 0);
        long start = System.nanoTime();
        List<CompletableFuture<ServingEngine.Result>> results = new ArrayList<>();
        for (int[] prompt : prompts) {
            results.add(engine.generate(prompt, options));
        }
        int tokens = 0;
        for (CompletableFuture<ServingEngine.Result> r : results) {
            tokens += r.get().tokens().length;
        }
        return tokens / ((System.nanoTime() - start) / 1e9);
    }
}
