package dev.sovereign.engine.runner;

import dev.sovereign.engine.bench.Percentiles;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The decode stall a long prompt causes, against the step token budget ({@code --max-num-batched-tokens}): a
 * number of streams decode; a 512-token prompt arrives; the inter-token latency of the running streams until that
 * prompt's first token (p50, p99, max) and the prompt's TTFT are printed per budget, next to the streams' ITL before
 * it arrived (the same run's limit: no stall at all). Greedy, ignore_eos. Run from the repository root:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.DecodeStallBenchmark MODEL.gguf THREADS STREAMS 64,128,256,512,1024
 * </pre>
 */
public final class DecodeStallBenchmark {

    private static final int STREAM_PROMPT = 32;
    private static final int LONG_PROMPT = 512;
    private static final int QUIET_TOKENS = 6;

    private DecodeStallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path gguf = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int streams = Integer.parseInt(args[2]);
        int[] budgets = java.util.Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        LoadedModel model = ModelLoader.load(gguf);
        run(model, threads, 2, budgets[budgets.length - 1]);
        System.out.printf(Locale.ROOT, "%d streams decoding, a %d-token prompt arrives, %d threads%n", streams,
                LONG_PROMPT, threads);
        System.out.println("| max-num-batched-tokens | ITL before, p50 ms | ITL while it prefills, p50 / p99 / max ms"
                + " | TTFT of the prompt ms | prefill steps |");
        System.out.println("|---|---|---|---|---|");
        for (int budget : budgets) {
            Result r = run(model, threads, streams, budget);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f / %.0f / %.0f | %.0f | %d |%n", budget,
                    Percentiles.median(r.quiet), Percentiles.median(r.stalled), Percentiles.of(r.stalled, 99),
                    Percentiles.of(r.stalled, 100), r.ttftMs, r.prefillSteps);
        }
    }

    record Result(double[] quiet, double[] stalled, double ttftMs, long prefillSteps) {
    }

    private static Result run(LoadedModel model, int threads, int streams, int budget) throws Exception {
        int len = LONG_PROMPT + 512;
        EngineSettings settings = EngineSettings.defaults("stall").withMaxNumSeqs(streams + 1).withMaxModelLen(len)
                .withKvCacheBytes(KvBlockPool.bytesPerToken(model.config()) * (long) len * (streams + 1))
                .withThreads(threads).withMaxBatchedTokens(budget);
        int vocab = model.config().vocabSize();
        SamplingOptions options = new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 1, 400, List.of(), Set.of(), true, false, 0);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            List<Double> quiet = new ArrayList<>();
            List<Double> stalled = new ArrayList<>();
            AtomicLongArray window = new AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            CountDownLatch warm = new CountDownLatch(streams);
            List<Sequence> running = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int[] prompt = new SplittableRandom(17 + i).ints(STREAM_PROMPT, 100, vocab - 100).toArray();
                running.add(engine.submit(prompt, options, new SequenceListener() {
                    long last;
                    int tokens;

                    @Override
                    public void onToken(SampledToken token, String text) {
                        long now = System.nanoTime();
                        tokens++;
                        if (last != 0) {
                            double ms = (now - last) / 1e6;
                            if (now > window.get(0) && now <= window.get(1)) {
                                synchronized (stalled) {
                                    stalled.add(ms);
                                }
                            } else if (now < window.get(0) && tokens > 2) {
                                synchronized (quiet) {
                                    quiet.add(ms);
                                }
                            }
                        }
                        last = now;
                        if (tokens == QUIET_TOKENS) {
                            warm.countDown();
                        }
                    }

                    @Override
                    public void onFinish(Completion completion) {
                    }
                }));
            }
            warm.await();
            int[] longPrompt = new SplittableRandom(99).ints(LONG_PROMPT, 100, vocab - 100).toArray();
            StepClock.Totals before = engine.stepTimes();
            window.set(0, System.nanoTime());
            ServingEngine.Result first = engine.generate(longPrompt, options.withMaxTokens(1)).get();
            window.set(1, System.nanoTime());
            long steps = engine.stepTimes().minus(before).steps();
            running.forEach(engine::cancel);
            synchronized (stalled) {
                return new Result(quiet.stream().mapToDouble(Double::doubleValue).toArray(),
                        stalled.stream().mapToDouble(Double::doubleValue).toArray(),
                        (window.get(1) - window.get(0)) / 1e6, steps);
            }
        }
    }
}
