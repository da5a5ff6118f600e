package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;

/**
 * Profiles the engine's decode steps at a given number of streams: every stream is prefilled first, then a JFR
 * recording (CPU samples every 10 ms, allocation samples, GC) covers only steps in which all of them decode. Prints
 * the loop's wall time per step by phase ({@link StepClock}) and the CPU and allocation samples by part of the step
 * ({@link JfrBreakdown}). Sampling: {@code greedy} (temperature 0) or {@code top-p} (temperature 0.8, top_p 0.95, as
 * chat clients send). Run from the repository root after building the test classpath (docs/engine-serving.md):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.ServingStepProfile MODEL.gguf THREADS 8,16 greedy,top-p OUT_DIR
 * </pre>
 */
public final class ServingStepProfile {

    private static final int PROMPT = 64;
    private static final int OUTPUT = 80;
    private static final int WARM_UP_TOKENS = 8;

    private ServingStepProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path gguf = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int[] levels = java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> modes = List.of(args[3].split(","));
        Path out = Files.createDirectories(Path.of(args[4]));
        LoadedModel model = ModelLoader.load(gguf);
        profile(model, threads, 4, "top-p", null);
        for (int streams : levels) {
            for (String mode : modes) {
                profile(model, threads, streams, mode, out.resolve("step-" + streams + "-" + mode + ".jfr"));
            }
        }
    }

    private static void profile(LoadedModel model, int threads, int streams, String mode, Path recording) throws Exception {
        int len = PROMPT + OUTPUT + 16;
        EngineSettings settings = EngineSettings.defaults("profile").withMaxNumSeqs(streams).withMaxModelLen(len)
                .withKvCacheBytes(KvBlockPool.bytesPerToken(model.config()) * (long) len * streams).withThreads(threads)
                .withMaxBatchedTokens(PROMPT * streams);
        int vocab = model.config().vocabSize();
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            CountDownLatch decoding = new CountDownLatch(streams);
            CountDownLatch firstDone = new CountDownLatch(1);
            CountDownLatch allDone = new CountDownLatch(streams);
            for (int i = 0; i < streams; i++) {
                int[] prompt = new SplittableRandom(31L * streams + i).ints(PROMPT, 100, vocab - 100).toArray();
                engine.submit(prompt, options(mode, i), new SequenceListener() {
                    int tokens;

                    @Override
                    public void onToken(SampledToken token, String text) {
                        if (++tokens == WARM_UP_TOKENS) {
                            decoding.countDown();
                        }
                    }

                    @Override
                    public void onFinish(Completion completion) {
                        firstDone.countDown();
                        allDone.countDown();
                    }
                });
            }
            decoding.await();
            Recording jfr = recording == null ? null : start();
            StepClock.Totals before = engine.stepTimes();
            long wallStart = System.nanoTime();
            firstDone.await();
            long wall = System.nanoTime() - wallStart;
            StepClock.Totals window = engine.stepTimes().minus(before);
            if (jfr != null) {
                jfr.stop();
                jfr.dump(recording);
                jfr.close();
                print(streams, mode, threads, window, wall, JfrBreakdown.read(recording));
            }
            allDone.await();
        }
    }

    private static SamplingOptions options(String mode, int stream) {
        return switch (mode) {
            case "greedy" -> new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 1, OUTPUT, List.of(), Set.of(), true, false, 0);
            case "top-p" -> new SamplingOptions(0.8, 0.95, -1, 0, 1000L + stream, 0, 0, 1, OUTPUT, List.of(), Set.of(),
                    true, false, 0);
            default -> throw new IllegalArgumentException("sampling mode: greedy or top-p, got " + mode);
        };
    }

    private static Recording start() {
        Recording r = new Recording();
        r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10)).withStackTrace();
        r.enable("jdk.ObjectAllocationSample").withStackTrace();
        r.enable("jdk.GarbageCollection");
        r.start();
        return r;
    }

    private static void print(int streams, String mode, int threads, StepClock.Totals t, long wall, JfrBreakdown b) {
        double steps = Math.max(1, t.steps());
        System.out.printf(Locale.ROOT, "%n### %d streams, %s sampling, %d threads: %d decode steps, %.1f ms a step, "
                        + "%.1f output tok/s%n", streams, mode, threads, t.steps(), wall / 1e6 / steps,
                t.sampled() / (wall / 1e9));
        System.out.printf(Locale.ROOT, "loop wall time a step: schedule %.2f ms, forward pass %.1f ms, "
                        + "sampling+detokenisation+listeners %.2f ms (%.1f%% of the step)%n",
                t.scheduleNanos() / 1e6 / steps, t.forwardNanos() / 1e6 / steps, t.sampleNanos() / 1e6 / steps,
                100.0 * t.sampleNanos() / wall);
        long cpu = b.cpuSamples.values().stream().mapToLong(Long::longValue).sum();
        long bytes = b.allocatedBytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("| part | CPU samples | share | allocated MB a step |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, Long> e : b.cpuSamples.entrySet()) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% | %.2f |%n", e.getKey(), e.getValue(),
                    100.0 * e.getValue() / Math.max(1, cpu), b.allocatedBytes.get(e.getKey()) / 1e6 / steps);
        }
        System.out.printf(Locale.ROOT, "| all | %d | 100%% | %.2f |%n", cpu, bytes / 1e6 / steps);
        System.out.printf(Locale.ROOT, "GC: %d collections, %.1f ms paused in all (%.2f ms a step)%n", b.gcCount,
                b.gcPauseNanos / 1e6, b.gcPauseNanos / 1e6 / steps);
    }
}
