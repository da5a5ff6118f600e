package dev.sovereign.engine.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.List;

/**
 * llama.cpp's own server loop (b4916 through de.kherud, which embeds it; an AVX2 build without VNNI): the peer of the
 * autocomplete replay in {@code ServingBenchmark}. Test scope only (ADR 0099); throughput peers are measured with
 * {@code sov bench serving} against a natively built llama-server.
 */
public final class LlamaCppSlots implements AutoCloseable {

    private final LlamaModel model;

    public LlamaCppSlots(Path gguf, int threads, int slots, int tokensPerSlot) {
        LlamaModel.setLogger(null, (level, message) -> { });
        model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(threads).setThreadsBatch(threads)
                .setCtxSize(slots * tokensPerSlot).setBatchSize(512).setUbatchSize(512).setParallel(slots).disableLog());
    }

    public int tokenCount(String text) {
        return model.encode(text).length;
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
