package dev.sovereign.engine.bench;

import dev.sovereign.engine.generate.Sampler;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.model.Transformer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Single-stream prefill and decode speed of our engine next to llama.cpp on the same GGUF and thread count, and next
 * to the memory-bandwidth limit (weight bytes read per decoded token over measured read bandwidth), in one run.
 */
public final class EngineBenchmark {

    /** What to measure. */
    public record Options(Path model, int threads, int promptTokens, int decodeTokens, boolean withLlamaCpp) {
    }

    /** Throughputs in tokens per second; llama.cpp's are NaN when it was not run. */
    public record Report(String model, int threads, int promptTokens, int decodeTokens, double oursPrefill,
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
            s.append("| | Sovereign | llama.cpp b4916 | ratio | bandwidth limit | share of limit |\n");
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
        int[] prompt = new SplittableRandom(7).ints(options.promptTokens() * 2, 0, Math.min(vocab, 500)).toArray();
        progress.accept("measuring read bandwidth");
        double bandwidth = MemoryBandwidth.measure(options.threads(), 1L << 30, 3);
        double llamaPrefill = Double.NaN;
        double llamaDecode = Double.NaN;
        int llamaPromptTokens = 0;
        if (options.withLlamaCpp()) {
            try (LlamaCppPeer peer = new LlamaCppPeer(options.model(), options.threads(),
                    options.promptTokens() + options.decodeTokens() + 16)) {
                String text = peer.promptOf(prompt, options.promptTokens());
                progress.accept("llama.cpp: warming up");
                peer.run(text.substring(0, Math.min(text.length(), 200)), 4);
                progress.accept("llama.cpp: prefill and decode");
                LlamaCppPeer.Timing t = peer.run(text, options.decodeTokens());
                llamaPromptTokens = t.promptTokens();
                llamaPrefill = t.promptTokens() / t.prefillSeconds();
                llamaDecode = t.decodedTokens() / t.decodeSeconds();
                progress.accept(String.format(Locale.ROOT, "llama.cpp: prefill %.1f tok/s (%d tokens), decode %.2f"
                        + " tok/s", llamaPrefill, llamaPromptTokens, llamaDecode));
            }
        }
        // our prompt has exactly as many tokens as llama.cpp's
        prompt = java.util.Arrays.copyOf(prompt, llamaPromptTokens > 0 ? llamaPromptTokens : options.promptTokens());
        double oursPrefill;
        double oursDecode;
        try (VectorKernels kernels = new VectorKernels(options.threads())) {
            Transformer transformer = model.transformer(kernels);
            progress.accept("warming up");
            warmUp(transformer, prompt);
            progress.accept("ours: prefill " + prompt.length + " tokens");
            KvCache cache = transformer.newCache(prompt.length + options.decodeTokens() + 1);
            long start = System.nanoTime();
            float[] logits = transformer.forward(prompt, 0, prompt.length, 0, cache);
            oursPrefill = prompt.length / ((System.nanoTime() - start) / 1e9);
            progress.accept(String.format(Locale.ROOT, "ours: prefill %.1f tok/s", oursPrefill));
            progress.accept("ours: decode " + options.decodeTokens() + " tokens after the prompt");
            int[] token = {Sampler.argmax(logits)};
            long decodeStart = System.nanoTime();
            for (int i = 0; i < options.decodeTokens(); i++) {
                token[0] = Sampler.argmax(transformer.forward(token, 0, 1, prompt.length + i, cache));
            }
            oursDecode = options.decodeTokens() / ((System.nanoTime() - decodeStart) / 1e9);
            progress.accept(String.format(Locale.ROOT, "ours: decode %.2f tok/s", oursDecode));
        }
        progress.accept("measuring read bandwidth again");
        bandwidth = Math.max(bandwidth, MemoryBandwidth.measure(options.threads(), 1L << 30, 3));
        return new Report(options.model().getFileName().toString(), options.threads(), prompt.length,
                options.decodeTokens(), oursPrefill, oursDecode, llamaPrefill, llamaDecode, bandwidth,
                model.weightBytesPerToken());
    }

    private static void warmUp(Transformer transformer, int[] prompt) {
        KvCache cache = transformer.newCache(64);
        transformer.forward(prompt, 0, Math.min(32, prompt.length), 0, cache);
        for (int i = 0; i < 8; i++) {
            transformer.forward(prompt, 32 + i, 1, 32 + i, cache);
        }
    }
}
