package dev.sovereign.engine.model;

import dev.sovereign.engine.bench.MemoryBandwidth;
import dev.sovereign.engine.bench.serving.Endpoint;
import dev.sovereign.engine.bench.serving.LevelMetrics;
import dev.sovereign.engine.bench.serving.ServingLoad;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.sampling.TokenSampler;
import dev.sovereign.engine.server.EngineServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Where one decode step goes, at a short and at a long context: prefill a prompt of {@code CONTEXT} tokens in one
 * forward call (timed: prefill tok/s), then decode tokens one by one, each step timed and split into the kernels'
 * buckets ({@link TimedKernels}). The difference between the two contexts is what the context costs (attention over
 * the F16 cache); the rest is weights read once per token, set against the read bandwidth measured in the same run.
 * {@code -DcpuTime=true} (one thread only) times on the thread's CPU clock instead of the wall clock, which a machine
 * loaded by other processes disturbs far less; {@code -Dserving=true} then runs the same prompts through the serving
 * engine (scheduler, block pool, sampler, detokenizer) on the wall clock and prints TTFT and TPOT, and
 * {@code -Dhttp=true} besides serves that engine over HTTP on loopback and measures one stream with
 * {@code sov bench serving}'s load generator, alternating with in-process runs.
 * Run from the repository root, after {@code test-compile} and {@code dependency:build-classpath}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.model.DecodeStepBenchmark MODEL.gguf THREADS [16,520] [DECODE_TOKENS]
 * </pre>
 */
public final class DecodeStepBenchmark {

    private DecodeStepBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int[] contexts = Arrays.stream((args.length > 2 ? args[2] : "16,520").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        int decode = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        LoadedModel model = ModelLoader.load(path);
        ModelConfig config = model.config();
        double bandwidth = MemoryBandwidth.measure(threads, 1L << 30, 3);
        System.out.printf(Locale.ROOT, "%s, %d threads, read bandwidth %.1f GB/s, %.0f MB of weights per token "
                + "(bandwidth limit %.1f ms a token)%n", model.source(), threads, bandwidth / 1e9,
                model.weightBytesPerToken() / 1e6, model.weightBytesPerToken() / bandwidth * 1e3);
        boolean cpuTime = Boolean.getBoolean("cpuTime");
        if (cpuTime && threads != 1) {
            throw new IllegalArgumentException("-DcpuTime=true measures the calling thread: run it with 1 thread");
        }
        try (TimedKernels kernels = new TimedKernels(new VectorKernels(threads), config.vocabSize(), cpuTime)) {
            Transformer transformer = model.transformer(kernels);
            for (int warm = 0; warm < 2; warm++) {
                run(transformer, kernels, 64, 32, false);
            }
            for (int context : contexts) {
                run(transformer, kernels, context, decode, true);
            }
        }
        if (Boolean.getBoolean("serving")) {
            EngineSettings settings = EngineSettings.defaults("bench").withMaxModelLen(2048)
                    .withKvCacheBytes(256L << 20).withThreads(threads);
            try (ServingEngine engine = new ServingEngine(model, settings)) {
                serve(engine, 64, 32, false);
                for (int context : contexts) {
                    serve(engine, context, decode, true);
                }
                if (Boolean.getBoolean("http")) {
                    overHttp(engine, contexts, decode);
                }
            }
        }
    }

    /** The same prompt and decode through the serving engine (scheduler, block pool, sampler, detokenizer). */
    private static void serve(ServingEngine engine, int context, int decode, boolean print) throws Exception {
        int[] prompt = prompt(engine.model().config(), context);
        List<Long> stamps = new ArrayList<>();
        long start = System.nanoTime();
        engine.generate(prompt, SamplingOptions.greedy(decode).ignoringEos(), logits -> stamps.add(System.nanoTime()))
                .get();
        if (print) {
            double ttft = (stamps.get(0) - start) / 1e6;
            double tpot = (stamps.get(stamps.size() - 1) - stamps.get(0)) / 1e6 / (stamps.size() - 1);
            System.out.printf(Locale.ROOT, "%nserving engine, context %d: TTFT %.0f ms (%.1f tok/s), TPOT %.2f ms%n",
                    context, ttft, context / (ttft / 1e3), tpot);
        }
    }

    /**
     * The same engine behind its HTTP server on loopback, measured by {@code sov bench serving}'s load generator at one
     * stream, alternating with in-process runs: what the HTTP streaming path adds to TTFT and TPOT.
     */
    private static void overHttp(ServingEngine engine, int[] contexts, int decode) throws Exception {
        try (EngineServer server = new EngineServer(engine, "127.0.0.1", 0, "hermes")) {
            URI url = URI.create("http://127.0.0.1:" + server.port());
            for (int round = 0; round < 2; round++) {
                for (int context : contexts) {
                    ServingLoad.Options options = new ServingLoad.Options(url, "bench", Endpoint.COMPLETIONS,
                            List.of(1), context, decode, 3, null, Duration.ofMinutes(10));
                    LevelMetrics level = ServingLoad.run(options, line -> { }).levels().get(0);
                    System.out.printf(Locale.ROOT, "%nover HTTP, ~%d-token prompts: TTFT p50 %.0f ms, TPOT p50 %.2f ms, "
                            + "ITL p50 / p90 / p99 %.2f / %.2f / %.2f ms%n", context, level.ttft(50) * 1e3,
                            level.tpot(50) * 1e3, level.itl(50) * 1e3, level.itl(90) * 1e3, level.itl(99) * 1e3);
                    serve(engine, context, decode, true);
                }
            }
        }
    }

    private static int[] prompt(ModelConfig config, int context) {
        SplittableRandom random = new SplittableRandom(context);
        int[] prompt = new int[context];
        for (int i = 0; i < context; i++) {
            prompt[i] = random.nextInt(1000, config.vocabSize());
        }
        return prompt;
    }

    private static void run(Transformer transformer, TimedKernels kernels, int context, int decode, boolean print) {
        ModelConfig config = transformer.config();
        int[] prompt = prompt(config, context);
        KvCache cache = transformer.newCache(context + decode + 1);
        kernels.reset();
        long start = kernels.now();
        float[] logits = transformer.forward(prompt, 0, context, 0, cache);
        double prefillMs = (kernels.now() - start) / 1e6;
        Map<String, long[]> prefill = Map.copyOf(kernels.nanos());
        kernels.reset();
        int[] token = {TokenSampler.argmax(logits)};
        double[] stepMs = new double[decode];
        long decodeStart = kernels.now();
        for (int i = 0; i < decode; i++) {
            long stepStart = kernels.now();
            token[0] = TokenSampler.argmax(transformer.forward(token, 0, 1, context + i, cache));
            stepMs[i] = (kernels.now() - stepStart) / 1e6;
        }
        double totalMs = (kernels.now() - decodeStart) / 1e6;
        if (!print) {
            return;
        }
        double[] sorted = stepMs.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%ncontext %d: prefill %.1f tok/s (%.0f ms); decode %d tokens: median step %.2f ms, "
                + "mean %.2f ms (%.1f tok/s)%n", context, context / (prefillMs / 1e3), prefillMs, decode,
                sorted[decode / 2], totalMs / decode, decode / (totalMs / 1e3));
        long kernelNanos = 0;
        for (Map.Entry<String, long[]> e : kernels.nanos().entrySet()) {
            kernelNanos += e.getValue()[0];
            System.out.printf(Locale.ROOT, "  %-22s %7.3f ms a step%n", e.getKey(), e.getValue()[0] / 1e6 / decode);
        }
        System.out.printf(Locale.ROOT, "  %-22s %7.3f ms a step%n", "outside the kernels", (totalMs * 1e6 - kernelNanos)
                / 1e6 / decode);
        System.out.printf(Locale.ROOT, "  prefill of %d tokens:", context);
        prefill.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e ->
                System.out.printf(Locale.ROOT, " %s %.0f ms;", e.getKey(), e.getValue()[0] / 1e6));
        System.out.println();
        long triples = (long) config.heads() * config.layers() * decode * (context + decode / 2);
        long[] attention = kernels.nanos().get("attention");
        System.out.printf(Locale.ROOT, "  attention: %.2f ns per (layer, head, position)%n",
                attention[0] / (double) triples);
    }
}
