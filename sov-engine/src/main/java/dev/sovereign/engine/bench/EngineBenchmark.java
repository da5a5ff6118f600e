package dev.sovereign.engine.bench;

import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.model.Transformer;
import dev.sovereign.engine.sampling.TokenSampler;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Single-stream prefill and decode speed of our engine next to a peer server on the same GGUF and thread count (a
 * natively built llama-server, given by URL: ADR 0099), and next to the memory-bandwidth limit (weight bytes read per
 * decoded token over measured read bandwidth), in one run. Medians of alternating rounds, each round a fresh prompt of
 * the same token ids for both, so no prompt cache helps either.
 */
public final class EngineBenchmark {

    /**
     * What to measure.
     *
     * @param peerUrl   null: no peer
     * @param peerName  how the table names the peer (e.g. "llama.cpp b4748")
     * @param peerModel the model name the peer serves
     */
    public record Options(Path model, int threads, int promptTokens, int decodeTokens, int rounds, URI peerUrl,
            String peerName, String peerModel) {
    }

    /** Throughputs in tokens per second; the peer's are NaN when it was not run. */
    public record Report(String model, String peerName, int threads, int promptTokens, int decodeTokens, double oursPrefill,
            double oursDecode, double llamaPrefill, double llamaDecode, double bandwidthBytesPerSecond,
            long weightBytesPerToken) {

        public double bandwidthLimitDecode() {
            return bandwidthBytesPerSecond / weightBytesPerToken;
        }

        public String toMarkdown() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "model %s, %d threads, measured read bandwidth %.1f GB/s, "
                    + "%.0f MB of weights per token%n%n", model, threads, bandwidthBytesPerSecond / 1e9,
                    weightBytesPerToken / 1e6));
            s.append("| | Sovereign | " + peerName + " | ratio | bandwidth limit | share of limit |\n");
            s.append("|---|---|---|---|---|---|\n");
            s.append(String.format(Locale.ROOT, "| prefill tok/s (%d-token prompt) | %.1f | %.1f | %.2f | | |%n",
                    promptTokens, oursPrefill, llamaPrefill, oursPrefill / llamaPrefill));
            s.append(String.format(Locale.ROOT, "| decode tok/s (%d tokens) | %.2f | %.2f | %.2f | %.2f | %.0f%% |%n",
                    decodeTokens, oursDecode, llamaDecode, oursDecode / llamaDecode, bandwidthLimitDecode(),
                    100 * oursDecode / bandwidthLimitDecode()));
            return s.toString();
        }
    }

    private EngineBenchmark() {
    }

    public static Report run(Options options, Consumer<String> progress) {
        LoadedModel model = ModelLoader.load(options.model());
        int vocab = model.config().vocabSize();
        progress.accept("measuring read bandwidth");
        double bandwidth = MemoryBandwidth.measure(options.threads(), 1L << 30, 3);
        double[][] ours = new double[2][options.rounds()];
        double[][] theirs = new double[2][options.rounds()];
        ServerPeer peer = options.peerUrl() == null ? null : new ServerPeer(options.peerUrl(), options.peerModel());
        try (VectorKernels kernels = new VectorKernels(options.threads())) {
            Transformer transformer = model.transformer(kernels);
            progress.accept("warming up");
            warmUp(transformer, prompt(vocab, Math.max(40, options.promptTokens()), -1));
            if (peer != null) {
                peer.run(prompt(vocab, 32, -2), 4);
            }
            // alternate the engines round by round, so a busy machine slows both alike; report medians
            for (int round = 0; round < options.rounds(); round++) {
                int[] prompt = prompt(vocab, options.promptTokens(), round);
                double[] o = measureOurs(transformer, prompt, options.decodeTokens());
                ours[0][round] = o[0];
                ours[1][round] = o[1];
                progress.accept(String.format(Locale.ROOT, "round %d ours: prefill %.1f tok/s, decode %.2f tok/s",
                        round + 1, o[0], o[1]));
                if (peer != null) {
                    ServerPeer.Timing t = peer.run(prompt, options.decodeTokens());
                    theirs[0][round] = t.prefillTokensPerSecond();
                    theirs[1][round] = t.decodeTokensPerSecond();
                    progress.accept(String.format(Locale.ROOT, "round %d %s: prefill %.1f tok/s (%d tokens),"
                            + " decode %.2f tok/s", round + 1, options.peerName(), theirs[0][round], t.promptTokens(),
                            theirs[1][round]));
                }
            }
        }
        progress.accept("measuring read bandwidth again");
        bandwidth = Math.max(bandwidth, MemoryBandwidth.measure(options.threads(), 1L << 30, 3));
        return new Report(options.model().getFileName().toString(), options.peerName(), options.threads(),
                options.promptTokens(), options.decodeTokens(), Percentiles.median(ours[0]), Percentiles.median(ours[1]),
                peer == null ? Double.NaN : Percentiles.median(theirs[0]), peer == null ? Double.NaN : Percentiles.median(theirs[1]),
                bandwidth, model.weightBytesPerToken());
    }

    /** Ordinary token ids (the low ones, clear of any special tokens at the top of the vocabulary), one set per round. */
    private static int[] prompt(int vocab, int tokens, int round) {
        return new SplittableRandom(7 + 1000L * round).ints(tokens, 0, Math.min(vocab, 500)).toArray();
    }

    /** Prefill and decode-after-the-prompt rates in tokens per second. */
    private static double[] measureOurs(Transformer transformer, int[] prompt, int decodeTokens) {
        KvCache cache = transformer.newCache(prompt.length + decodeTokens + 1);
        long start = System.nanoTime();
        float[] logits = transformer.forward(prompt, 0, prompt.length, 0, cache);
        double prefill = prompt.length / ((System.nanoTime() - start) / 1e9);
        int[] token = {TokenSampler.argmax(logits)};
        long decodeStart = System.nanoTime();
        for (int i = 0; i < decodeTokens; i++) {
            token[0] = TokenSampler.argmax(transformer.forward(token, 0, 1, prompt.length + i, cache));
        }
        return new double[] {prefill, decodeTokens / ((System.nanoTime() - decodeStart) / 1e9)};
    }

    private static void warmUp(Transformer transformer, int[] prompt) {
        KvCache cache = transformer.newCache(64);
        transformer.forward(prompt, 0, Math.min(32, prompt.length), 0, cache);
        for (int i = 0; i < 8; i++) {
            transformer.forward(prompt, 32 + i, 1, 32 + i, cache);
        }
    }
}
