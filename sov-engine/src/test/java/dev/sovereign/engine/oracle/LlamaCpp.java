package dev.sovereign.engine.oracle;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.TokenPrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp (b4916 through de.kherud:llama) as the independent oracle. The binding returns generated text, not ids
 * or logits (its n_probs path aborts in this version), so callers compare token pieces, and probe logit gaps with
 * logit biases: a bias just under the gap keeps llama.cpp's choice, just over it flips it.
 */
public final class LlamaCpp implements AutoCloseable {

    static {
        try {
            // a private extraction folder: parallel test JVMs must not overwrite each other's native library
            System.setProperty("de.kherud.llama.tmpdir", Files.createTempDirectory("jllama").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LlamaModel.setLogger(null, (level, message) -> { });
    }

    private final LlamaModel model;

    public LlamaCpp(Path gguf, int threads, int context) {
        this.model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setThreads(threads)
                .setThreadsBatch(threads).setCtxSize(context).setSeed(1).setParallel(1).disableLog());
    }

    public LlamaModel model() {
        return model;
    }

    /** Greedy generation of {@code count} tokens after the given ids; one text piece per streamed token. */
    public List<String> greedy(int[] prompt, int count) {
        InferenceParameters p = TokenPrompt.of(prompt).setTemperature(0f).setNPredict(count).setIgnoreEos(true)
                .setCachePrompt(false).setSeed(1);
        List<String> pieces = new ArrayList<>();
        for (LlamaOutput o : model.generate(p)) {
            if (!o.text.isEmpty()) {
                pieces.add(o.text);
            }
        }
        return pieces;
    }

    /** The text of the one token llama.cpp picks greedily after {@code prompt} with the given logit biases. */
    public String nextWithBias(int[] prompt, Map<Integer, Float> bias) {
        InferenceParameters p = TokenPrompt.of(prompt).setTemperature(0f).setNPredict(1).setIgnoreEos(true)
                .setCachePrompt(false).setSeed(1).setTokenIdBias(bias);
        StringBuilder text = new StringBuilder();
        for (LlamaOutput o : model.generate(p)) {
            text.append(o.text);
        }
        return text.toString();
    }

    public String piece(int token) {
        return model.decode(new int[] {token});
    }

    @Override
    public void close() {
        model.close();
    }
}
