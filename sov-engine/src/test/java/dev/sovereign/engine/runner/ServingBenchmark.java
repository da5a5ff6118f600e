package dev.sovereign.engine.runner;

import dev.sovereign.engine.bench.Percentiles;
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
 * Benchmark of the serving engine: output tokens/s at 1, 4 and 16 concurrent streams (ratio against our own single
 * stream, measured in the same run), time to first token of a prompt whose 1,000-token prefix is cached against the
 * same prompt cold, an autocomplete replay over HTTP (Continue's FIM shape: a growing prefix of a source file, the
 * rest as suffix, 16 tokens at temperature 0) with and without prefix caching and, for a GGUF, against llama.cpp's
 * server loop with its prompt cache, and heap after 1,000 and 10,000 short requests. Run from the repository root:
 * <pre>
 * ./mvnw -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java --add-modules jdk.incubator.vector -cp sov-engine/target/test-classes:sov-engine/target/classes:$(cat sov-engine/target/cp.txt) \
 *     dev.sovereign.engine.runner.ServingBenchmark models/sov-tiny [THREADS [PARTS]]
 * </pre>
 * PARTS is a comma-separated subset of {@code throughput,prefix,memory,autocomplete,autocomplete-off} (default:
 * all), so a large model can be measured on the parts {@code ConcurrencyBenchmark} does not cover.
 */
public final class ServingBenchmark {

    private static final int PROMPT = 256;
    private static final int OUTPUT = 64;
    private static final Path REPLAY_SOURCE = Path.of("sov-engine", "src", "main", "java", "dev", "sovereign", "engine",
            "scheduler", "Scheduler.java");
    private static final int REPLAY_TOKENS = 16;
    private static final String REPLAY_STOP = "\n\n";

    private ServingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadedModel model = ModelLoader.load(Path.of(args[0]));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Set<String> parts = Set.of((args.length > 2 ? args[2] : "throughput,prefix,memory,autocomplete,autocomplete-off").split(","));
        int vocab = model.config().vocabSize();
        EngineSettings settings = EngineSettings.defaults("bench").withMaxModelLen(2048).withKvCacheBytes(256L << 20)
                .withThreads(threads);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            double single = 0;
            for (int streams : parts.contains("throughput") ? new int[] {0, 1, 4, 16} : new int[0]) {
                if (streams == 0) {
                    run(engine, vocab, 1, 7); // warm-up
                    continue;
                }
                double tps = run(engine, vocab, streams, streams * 31L);
                single = streams == 1 ? tps : single;
                System.out.printf(Locale.ROOT, "streams %2d: %8.1f output tok/s  (%.2fx single stream)%n", streams, tps, tps / single);
            }
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int round = 0; round < (parts.contains("prefix") ? 3 : 0); round++) {
                int[] prefix = randomTokens(vocab, 1000, 1000 + round);
                int[] first = concat(prefix, randomTokens(vocab, 8, 77 + round));
                int[] second = concat(prefix, randomTokens(vocab, 8, 99 + round));
                cold.add(ttft(engine, first));
                warm.add(ttft(engine, second));
            }
            if (!cold.isEmpty()) {
                double c = Percentiles.of(cold, 50);
                double w = Percentiles.of(warm, 50);
                System.out.printf(Locale.ROOT, "TTFT 1,008-token prompt: cold %.1f ms, 1,000-token prefix cached %.1f ms"
                        + " (%.1f%% of cold)%n", c * 1e3, w * 1e3, 100 * w / c);
            }
            System.out.printf(Locale.ROOT, "KV bytes per token: %d%n", KvBlockPool.bytesPerToken(model.config()));
            if (parts.contains("memory")) {
                memory(engine, vocab);
            }
        }
        for (boolean caching : new boolean[] {true, false}) {
            if (parts.contains(caching ? "autocomplete" : "autocomplete-off")) {
                try (ServingEngine engine = new ServingEngine(model, settings.withPrefixCaching(caching))) {
                    autocomplete(engine, caching);
                }
            }
        }
        if (parts.contains("autocomplete") && args[0].endsWith(".gguf")) {
            autocompletePeer(Path.of(args[0]), threads);
        }
    }

    private static void memory(ServingEngine engine, int vocab) throws Exception {
        SamplingOptions two = SamplingOptions.greedy(2);
        long[] heap = new long[2];
        int done = 0;
        for (int checkpoint : new int[] {1000, 10000}) {
            List<CompletableFuture<ServingEngine.Result>> batch = new ArrayList<>();
            for (; done < checkpoint; done++) {
                batch.add(engine.generate(randomTokens(vocab, 24, done), two));
                if (batch.size() == 64) {
                    for (CompletableFuture<ServingEngine.Result> r : batch) {
                        r.get();
                    }
                    batch.clear();
                }
            }
            for (CompletableFuture<ServingEngine.Result> r : batch) {
                r.get();
            }
            System.gc();
            Thread.sleep(200);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            heap[checkpoint == 1000 ? 0 : 1] = rt.totalMemory() - rt.freeMemory();
        }
        System.out.printf(Locale.ROOT, "heap after 1,000 requests %.1f MB, after 10,000 %.1f MB; KV usage now %.3f%n",
                heap[0] / 1e6, heap[1] / 1e6, engine.scheduler().blocks().usage());
    }

    private static void autocomplete(ServingEngine engine, boolean caching) throws Exception {
        String source = java.nio.file.Files.readString(REPLAY_SOURCE);
        try (dev.sovereign.engine.server.EngineServer server = new dev.sovereign.engine.server.EngineServer(engine,
                "127.0.0.1", 0, null)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            List<Double> latencies = new ArrayList<>();
            int completionTokens = 0;
            for (String[] request : replay(source)) {
                String body = json.writeValueAsString(java.util.Map.of("model", "bench", "prompt", request[0],
                        "suffix", request[1], "max_tokens", REPLAY_TOKENS, "temperature", 0, "stop", List.of(REPLAY_STOP)));
                long start = System.nanoTime();
                var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/v1/completions"))
                        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.body());
                }
                latencies.add((System.nanoTime() - start) / 1e6);
                completionTokens += json.readTree(response.body()).path("usage").path("completion_tokens").asInt();
            }
            if (Boolean.getBoolean("sov.bench.verbose")) {
                System.out.println("latencies in request order (ms): " + latencies);
            }
            printReplay("prefix caching " + (caching ? "on " : "off"), latencies,
                    completionTokens / (double) latencies.size());
        }
    }

    /** Continue's shape: the file up to a cursor that moves 40 characters per request, the next 300 as suffix. */
    private static List<String[]> replay(String source) {
        List<String[]> requests = new ArrayList<>();
        for (int cut = 600; cut < Math.min(source.length(), 600 + 60 * 40); cut += 40) {
            requests.add(new String[] {source.substring(0, cut), source.substring(cut, Math.min(source.length(), cut + 300))});
        }
        return requests;
    }

    /** The same replay against llama.cpp (one slot, its prompt cache on), FIM prompts spelled as our server renders them. */
    private static void autocompletePeer(Path gguf, int threads) throws Exception {
        String source = java.nio.file.Files.readString(REPLAY_SOURCE);
        List<String> prompts = replay(source).stream()
                .map(r -> "<|fim_prefix|>" + r[0] + "<|fim_suffix|>" + r[1] + "<|fim_middle|>").toList();
        try (dev.sovereign.engine.bench.LlamaCppSlots llama = new dev.sovereign.engine.bench.LlamaCppSlots(gguf, threads, 1,
                4096)) {
            System.out.printf(Locale.ROOT, "llama.cpp reads the first FIM prompt as %d tokens%n", llama.tokenCount(prompts.get(0)));
            double[] result = llama.sequentialLatencies(prompts, REPLAY_TOKENS, REPLAY_STOP);
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < prompts.size(); i++) {
                latencies.add(result[i]);
            }
            printReplay("llama.cpp (cache_prompt)", latencies, result[prompts.size()]);
        }
    }

    private static void printReplay(String engine, List<Double> latencies, double meanCompletionTokens) {
        List<Double> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "autocomplete replay, %s: %d requests, p50 %.1f ms, p95 %.1f ms,"
                + " %.1f completion tokens on average%n", engine, sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), meanCompletionTokens);
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
}
