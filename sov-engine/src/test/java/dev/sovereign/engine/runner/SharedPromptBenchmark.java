package dev.sovereign.engine.runner;

import dev.sovereign.engine.bench.Percentiles;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.BlockManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request with {@code n} choices against {@code n} separate requests for the same prompt, all submitted at
 * once: the time until every choice has its first token (the prefill), the prompt tokens the model computed, the
 * most KV blocks in use, and the whole run's time. Separate requests run with prefix caching off and on (arriving
 * together, they are admitted in the same step, before any of them has filled a block the others could adopt).
 * Seeded sampling at temperature 1, end-of-generation ignored; the three ways take turns for ROUNDS rounds (default
 * 3) and each figure is the median of its rounds. Run from the repository root:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.SharedPromptBenchmark MODEL THREADS PROMPT_TOKENS CHOICES OUTPUT_TOKENS [ROUNDS]
 * </pre>
 */
public final class SharedPromptBenchmark {

    private SharedPromptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.load(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        int promptTokens = Integer.parseInt(args[2]);
        int choices = Integer.parseInt(args[3]);
        int output = Integer.parseInt(args[4]);
        int[] prompt = new SplittableRandom(11).ints(promptTokens, 100, model.config().vocabSize() - 100).toArray();
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        for (Mode mode : Mode.values()) {
            run(model, threads, prompt, choices, output, mode); // warm-up
        }
        Map<Mode, List<Result>> results = new EnumMap<>(Mode.class);
        for (int round = 0; round < rounds; round++) {
            for (Mode mode : Mode.values()) {
                results.computeIfAbsent(mode, m -> new ArrayList<>()).add(run(model, threads, prompt, choices, output, mode));
            }
        }
        System.out.printf(Locale.ROOT, "%s: a %d-token prompt, %d choices of %d tokens, %d threads, median of %d rounds%n",
                args[0], promptTokens, choices, output, threads, rounds);
        System.out.println("| how | prefill: every first token, ms | prompt tokens computed | peak KV blocks | whole run, ms |");
        System.out.println("|---|---|---|---|---|");
        Result shared = median(results.get(Mode.ONE_REQUEST));
        print("n=" + choices + ", one request", shared);
        for (Mode mode : List.of(Mode.SEPARATE, Mode.SEPARATE_CACHED)) {
            Result r = median(results.get(mode));
            print(choices + " separate requests" + (mode == Mode.SEPARATE_CACHED ? ", prefix caching on" : ""), r);
            System.out.printf(Locale.ROOT, "  against n=%d: prefill %.2fx, prompt tokens %.2fx, KV blocks %.2fx, whole run %.2fx%n",
                    choices, r.prefillMs / shared.prefillMs, r.promptTokens / (double) shared.promptTokens,
                    r.peakBlocks / (double) shared.peakBlocks, r.wholeMs / shared.wholeMs);
        }
    }

    private static Result median(List<Result> rounds) {
        return new Result(Percentiles.median(rounds.stream().mapToDouble(Result::prefillMs).toArray()),
                (long) Percentiles.median(rounds.stream().mapToDouble(Result::promptTokens).toArray()),
                (int) Percentiles.median(rounds.stream().mapToDouble(Result::peakBlocks).toArray()),
                Percentiles.median(rounds.stream().mapToDouble(Result::wholeMs).toArray()));
    }

    private enum Mode { ONE_REQUEST, SEPARATE, SEPARATE_CACHED }

    private record Result(double prefillMs, long promptTokens, int peakBlocks, double wholeMs) {
    }

    private static void print(String how, Result r) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %d | %d | %.0f |%n", how, r.prefillMs, r.promptTokens, r.peakBlocks, r.wholeMs);
    }

    private static Result run(LoadedModel model, int threads, int[] prompt, int choices, int output, Mode mode)
            throws Exception {
        int len = prompt.length + output;
        EngineSettings settings = EngineSettings.defaults("shared-prompt").withMaxNumSeqs(choices).withMaxModelLen(len)
                .withKvCacheBytes((long) choices * BlockManager.blocksFor(len) * BlockManager.BLOCK_SIZE
                        * KvBlockPool.bytesPerToken(model.config()))
                .withPrefixCaching(mode == Mode.SEPARATE_CACHED).withThreads(threads);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            BlockManager blocks = engine.scheduler().blocks();
            CountDownLatch firstTokens = new CountDownLatch(choices);
            CountDownLatch finished = new CountDownLatch(choices);
            AtomicInteger peak = new AtomicInteger();
            AtomicLong lastFirstToken = new AtomicLong();
            List<SequenceListener> listeners = new ArrayList<>();
            for (int i = 0; i < choices; i++) {
                listeners.add(new SequenceListener() {
                    boolean first = true;

                    @Override
                    public void onToken(SampledToken token, String text) {
                        peak.accumulateAndGet(blocks.usedBlocks(), Math::max);
                        if (first) {
                            first = false;
                            lastFirstToken.set(System.nanoTime());
                            firstTokens.countDown();
                        }
                    }

                    @Override
                    public void onFinish(Completion completion) {
                        finished.countDown();
                    }
                });
            }
            long start = System.nanoTime();
            if (mode == Mode.ONE_REQUEST) {
                engine.submitChoices(prompt, SamplingOptions.plain(1.0, 5, output).ignoringEos(), listeners, false);
            } else {
                for (int i = 0; i < choices; i++) {
                    engine.submit(prompt, SamplingOptions.plain(1.0, 5 + i, output).ignoringEos(), listeners.get(i));
                }
            }
            if (!finished.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the run did not finish in 30 minutes");
            }
            firstTokens.await();
            return new Result((lastFirstToken.get() - start) / 1e6, engine.scheduler().promptTokensComputed(), peak.get(),
                    (System.nanoTime() - start) / 1e6);
        }
    }
}
