package dev.sovereign.engine.bench.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.cuda.CopyBandwidth;
import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaProbe;
import dev.sovereign.engine.gpu.GpuModelRunner;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineDevice;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.SequenceListener;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Decode throughput and time to first token of the GPU engine on random-weight Qwen2.5-0.5B and Qwen2.5-7B shapes in
 * bf16, served through {@link ServingEngine} with {@code --device cuda} (the real scheduler, paged KV cache and prefix
 * cache): 256-token random prompts, 128 outputs each (EOS ignored) at batch 1, 8 and 64, the median of 3 rounds after a
 * warm-up; the batch-1 roofline from the copy bandwidth measured in the same run over the bytes a token reads; TTFT of a
 * 2,048-token prompt cold and again with its prefix cached. With {@code --peer FILE} (hf_peer.py's JSON, same machine,
 * same call) it prints our rate over HF transformers'. Usage:
 * {@code GpuDecodeBenchmark DIR [--shapes 0.5b,7b] [--batches 1,8,64] [--peer FILE]}; DIR keeps the written models.
 */
public final class GpuDecodeBenchmark {

    static final int PROMPT = 256;
    static final int OUTPUT = 128;
    static final int ROUNDS = 3;
    static final int TTFT_PROMPT = 2048;

    private final ServingEngine engine;
    private final int vocab;
    private final SplittableRandom random = new SplittableRandom(22);

    private GpuDecodeBenchmark(ServingEngine engine, int vocab) {
        this.engine = engine;
        this.vocab = vocab;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> shapes = List.of("0.5b", "7b");
        int[] batches = {1, 8, 64};
        JsonNode peer = null;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--shapes" -> shapes = List.of(args[i + 1].split(","));
                case "--batches" -> batches = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--peer" -> peer = Files.exists(Path.of(args[i + 1]))
                        ? new ObjectMapper().readTree(Path.of(args[i + 1]).toFile()) : null;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        CudaProbe probe = Cuda.probe();
        if (probe.device().isEmpty()) {
            System.out.println("SKIP GpuDecodeBenchmark: no CUDA device: " + probe.reason());
            System.exit(2);
        }
        double bandwidth;
        try (CudaDevice device = probe.device().get()) {
            System.out.println("device: " + device.describe());
            bandwidth = CopyBandwidth.deviceToDeviceGBs(device) * 1e9;
        }
        log("device-to-device copy bandwidth %.0f GB/s (bytes read + written, CopyBandwidth)", bandwidth / 1e9);
        Files.createDirectories(dir);
        List<Row> rows = new ArrayList<>();
        List<String> ttfts = new ArrayList<>();
        int maxBatch = Arrays.stream(batches).max().orElse(1);
        for (String s : shapes) {
            Bf16ModelWriter.Shape shape = switch (s) {
                case "0.5b" -> Bf16ModelWriter.Shape.QWEN25_05B;
                case "7b" -> Bf16ModelWriter.Shape.QWEN25_7B;
                default -> throw new IllegalArgumentException("shape " + s + ": 0.5b or 7b");
            };
            long start = System.nanoTime();
            Path folder = Bf16ModelWriter.write(shape, dir, 22);
            log("%s: %,d parameters written (or found) in %s in %.1f s", shape.name(), shape.parameters(), folder,
                    seconds(start));
            start = System.nanoTime();
            LoadedModel model = ModelLoader.load(folder);
            EngineSettings settings = EngineSettings.defaults(shape.name()).withDevice(EngineDevice.CUDA)
                    .withMaxNumSeqs(maxBatch).withMaxModelLen(TTFT_PROMPT + PROMPT).withPrefixCaching(true);
            try (ServingEngine engine = new ServingEngine(model, settings)) {
                log("%s: engine up in %.1f s: %s (step budget %d tokens)", shape.name(), seconds(start),
                        engine.device().label(), engine.stepTokenBudget());
                GpuDecodeBenchmark bench = new GpuDecodeBenchmark(engine, model.config().vocabSize());
                long bytesPerToken = model.weightBytesPerToken()
                        + (PROMPT + OUTPUT / 2) * GpuModelRunner.bytesPerToken(model.config());
                for (int batch : batches) {
                    rows.add(bench.throughput(shape.name(), batch, bandwidth, bytesPerToken));
                }
                ttfts.add(bench.timeToFirstToken(shape.name()));
            }
        }
        print(rows, ttfts, bandwidth, peer);
    }

    /** One batch size: a warm-up round, then {@link #ROUNDS} rounds of fresh prompts; medians. */
    private Row throughput(String shape, int batch, double bandwidth, long bytesPerToken) throws InterruptedException {
        round(batch);
        double[] output = new double[ROUNDS];
        double[] decode = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            Round round = round(batch);
            output[r] = (double) batch * OUTPUT / round.wallSeconds;
            decode[r] = (double) batch * (OUTPUT - 1) / (round.wallSeconds - round.lastFirstTokenSeconds);
        }
        Row row = new Row(shape, batch, median(output), median(decode), bandwidth / bytesPerToken, bytesPerToken);
        log("%s batch %d: output %.0f tok/s, decode %.0f tok/s (rounds: %s)", shape, batch, row.outputTokS,
                row.decodeTokS, Arrays.toString(Arrays.stream(output).map(v -> Math.round(v)).toArray()));
        return row;
    }

    /** {@code batch} random 256-token prompts submitted at once, 128 tokens each. */
    private Round round(int batch) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(batch);
        long[] firstToken = new long[batch];
        String[] errors = new String[batch];
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
            int index = i;
            engine.submit(prompt(PROMPT), SamplingOptions.greedy(OUTPUT).ignoringEos(), new SequenceListener() {
                @Override
                public void onToken(SampledToken token, String text) {
                    if (token != null && firstToken[index] == 0) {
                        firstToken[index] = System.nanoTime();
                    }
                }

                @Override
                public void onFinish(Completion completion) {
                    if (completion.error() != null || completion.completionTokens() != OUTPUT) {
                        errors[index] = completion.reason() + " after " + completion.completionTokens() + " tokens: "
                                + completion.error();
                    }
                    done.countDown();
                }
            });
        }
        if (!done.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("batch " + batch + " did not finish in 300 s");
        }
        long end = System.nanoTime();
        for (String error : errors) {
            if (error != null) {
                throw new IllegalStateException("a sequence of batch " + batch + " failed: " + error);
            }
        }
        long lastFirst = Arrays.stream(firstToken).max().orElse(start);
        return new Round((end - start) / 1e9, (lastFirst - start) / 1e9);
    }

    /** A 2,048-token prompt: cold (nothing cached), then the same prompt again (all but its last block cached). */
    private String timeToFirstToken(String shape) throws InterruptedException {
        firstTokenSeconds(prompt(TTFT_PROMPT)); // warm-up
        double[] cold = new double[ROUNDS];
        double[] warm = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            int[] prompt = prompt(TTFT_PROMPT);
            cold[r] = firstTokenSeconds(prompt);
            warm[r] = firstTokenSeconds(prompt);
        }
        String line = String.format(Locale.ROOT, "%s: TTFT of a %d-token prompt: cold %.1f ms, warm prefix %.1f ms "
                + "(median of %d)", shape, TTFT_PROMPT, median(cold) * 1e3, median(warm) * 1e3, ROUNDS);
        log("%s", line);
        return line;
    }

    private double firstTokenSeconds(int[] prompt) {
        long start = System.nanoTime();
        ServingEngine.Result result = engine.generate(prompt, SamplingOptions.greedy(1).ignoringEos()).join();
        if (result.completion().error() != null) {
            throw new IllegalStateException("the TTFT request failed: " + result.completion().error());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Random token ids of the real vocabulary (the padded special ones included: the model does not care). */
    private int[] prompt(int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        return ids;
    }

    private static void print(List<Row> rows, List<String> ttfts, double bandwidth, JsonNode peer) {
        Map<String, Double> hf = new LinkedHashMap<>();
        if (peer != null) {
            peer.path("results").forEach(r -> hf.put(r.path("shape").asText() + "/" + r.path("batch").asInt(),
                    r.path("output_tok_s").asDouble()));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "GPU decode, %d-token random prompts, %d outputs, median of %d; roofline = %.0f GB/s"
                + " copy bandwidth / bytes a batch-1 token reads%n", PROMPT, OUTPUT, ROUNDS, bandwidth / 1e9);
        System.out.println("| shape | batch | output tok/s | decode tok/s | HF output tok/s | ours / HF | roofline tok/s "
                + "| decode / roofline |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            Double peerRate = hf.get(r.shape + "/" + r.batch);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %s | %s | %s | %s |%n", r.shape, r.batch,
                    r.outputTokS, r.decodeTokS, peerRate == null ? "-" : String.format(Locale.ROOT, "%.0f", peerRate),
                    peerRate == null ? "-" : String.format(Locale.ROOT, "%.1fx", r.outputTokS / peerRate),
                    r.batch == 1 ? String.format(Locale.ROOT, "%.0f", r.rooflineTokS) : "-",
                    r.batch == 1 ? String.format(Locale.ROOT, "%.0f%%", 100 * r.decodeTokS / r.rooflineTokS) : "-");
        }
        rows.stream().filter(r -> r.batch == 1).forEach(r -> System.out.printf(Locale.ROOT,
                "%s: a batch-1 token reads %.1f MiB (weights + KV at the mean context)%n", r.shape,
                r.bytesPerToken / 1048576.0));
        ttfts.forEach(System.out::println);
        if (peer != null) {
            System.out.println("peer: " + peer.path("peer").asText("?") + "; " + peer.path("notes").asText(""));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println(Instant.now() + " " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private record Round(double wallSeconds, double lastFirstTokenSeconds) {
    }

    private record Row(String shape, int batch, double outputTokS, double decodeTokS, double rooflineTokS,
                       long bytesPerToken) {
    }
}
