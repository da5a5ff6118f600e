package dev.sovereign.engine.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;

/**
 * llama.cpp (b4916, CPU, through de.kherud:llama) on the same GGUF with the same thread count: prefill is the time
 * to the first streamed token, decode the rate of the tokens after it.
 */
final class LlamaCppPeer implements AutoCloseable {

    record Timing(int promptTokens, double prefillSeconds, int decodedTokens, double decodeSeconds) {
    }

    private final LlamaModel model;

    LlamaCppPeer(Path gguf, int threads, int context) {
        LlamaModel.setLogger(null, (level, message) -> { });
        model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(threads)
                .setThreadsBatch(threads).setCtxSize(context).setBatchSize(512).setUbatchSize(512).setParallel(1)
                .disableLog());
    }

    /**
     * The longest prefix of the text of {@code ids} that llama.cpp tokenizes to at most {@code tokens} tokens (the
     * binding takes text prompts), so both engines prefill prompts of the same length.
     */
    String promptOf(int[] ids, int tokens) {
        String text = model.decode(ids);
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (model.encode(text.substring(0, mid)).length <= tokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, low);
    }

    int tokenCount(String text) {
        return model.encode(text).length;
    }

    Timing run(String prompt, int decodeTokens) {
        int promptTokens = model.encode(prompt).length;
        InferenceParameters p = new InferenceParameters(prompt).setTemperature(0f).setNPredict(decodeTokens + 1)
                .setIgnoreEos(true).setCachePrompt(false);
        long start = System.nanoTime();
        long first = 0;
        int outputs = 0;
        for (LlamaOutput ignored : model.generate(p)) {
            if (outputs++ == 0) {
                first = System.nanoTime();
            }
        }
        long end = System.nanoTime();
        return new Timing(promptTokens, (first - start) / 1e9, decodeTokens, (end - first) / 1e9);
    }

    @Override
    public void close() {
        model.close();
    }
}
