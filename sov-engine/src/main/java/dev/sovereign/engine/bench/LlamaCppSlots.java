package dev.sovereign.engine.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * llama.cpp's own server loop (b4916 through de.kherud, which embeds it) with as many parallel slots as streams:
 * the peer of the throughput-versus-concurrency benchmark. It batches the decodes of its slots as our engine does.
 */
public final class LlamaCppSlots implements AutoCloseable {

    private final LlamaModel model;

    public LlamaCppSlots(Path gguf, int threads, int slots, int tokensPerSlot) {
        LlamaModel.setLogger(null, (level, message) -> { });
        model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(threads).setThreadsBatch(threads)
                .setCtxSize(slots * tokensPerSlot).setBatchSize(512).setUbatchSize(512).setParallel(slots).disableLog());
    }

    /**
     * A text llama.cpp reads as about {@code tokens} tokens, made from {@code ids}: the binding takes text prompts.
     * Decode, encode once, keep the first tokens, decode those (a search by repeated encoding took minutes for
     * a 150k vocabulary).
     */
    public String promptOf(int[] ids, int tokens) {
        int[] encoded = model.encode(model.decode(ids));
        return model.decode(java.util.Arrays.copyOf(encoded, Math.min(tokens, encoded.length)));
    }

    public int tokenCount(String text) {
        return model.encode(text).length;
    }

    /** Runs every prompt at once, each producing {@code outputTokens}; returns output tokens per second. */
    public double throughput(List<String> prompts, int outputTokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
        try {
            long start = System.nanoTime();
            List<Future<Integer>> runs = new ArrayList<>();
            for (String prompt : prompts) {
                runs.add(pool.submit(() -> {
                    InferenceParameters p = new InferenceParameters(prompt).setTemperature(0f).setNPredict(outputTokens)
                            .setIgnoreEos(true).setCachePrompt(false);
                    int n = 0;
                    for (LlamaOutput ignored : model.generate(p)) {
                        n++;
                    }
                    return n;
                }));
            }
            int tokens = 0;
            for (Future<Integer> run : runs) {
                tokens += run.get();
            }
            return tokens / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends the prompts one after another, as an editor sends completions while its user types, each reusing what
     * llama.cpp's slot still holds of the one before ({@code cache_prompt}); greedy, at most {@code maxTokens}, ending
     * at {@code stop}. Returns each request's latency in milliseconds and, last, the mean output tokens.
     */
    public double[] sequentialLatencies(List<String> prompts, int maxTokens, String stop) {
        double[] result = new double[prompts.size() + 1];
        int tokens = 0;
        for (int i = 0; i < prompts.size(); i++) {
            InferenceParameters p = new InferenceParameters(prompts.get(i)).setTemperature(0f).setNPredict(maxTokens)
                    .setStopStrings(stop).setCachePrompt(true);
            long start = System.nanoTime();
            for (LlamaOutput ignored : model.generate(p)) {
                tokens++;
            }
            result[i] = (System.nanoTime() - start) / 1e6;
        }
        result[prompts.size()] = tokens / (double) prompts.size();
        return result;
    }

    @Override
    public void close() {
        model.close();
    }
}
