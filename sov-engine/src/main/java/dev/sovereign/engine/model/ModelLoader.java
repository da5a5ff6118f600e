package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.format.gguf.GgufWeights;
import dev.sovereign.engine.kernel.WeightMatrix;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Opens a model from a GGUF file or a Hugging Face safetensors folder. */
public final class ModelLoader {

    private ModelLoader() {
    }

    public static LoadedModel load(Path path) {
        return load(path, false);
    }

    /**
     * @param quantizeQ8 quantize a safetensors folder's matrices to Q8_0 while loading (the CPU path for a spec's
     *     8-bit quantizations, fp8 included); GGUF files are used as stored
     */
    public static LoadedModel load(Path path, boolean quantizeQ8) {
        if (Files.isDirectory(path)) {
            return HfModelLoader.load(path, quantizeQ8);
        }
        if (!Files.exists(path)) {
            throw new ModelFormatException("model not found: " + path);
        }
        return loadGguf(path);
    }

    public static LoadedModel loadGguf(Path path) {
        GgufFile file = GgufFile.open(path);
        Map<String, Object> meta = file.metadata();
        String name = String.valueOf(path.getFileName());
        Architecture architecture = Architectures.forGguf(meta, name);
        GgufWeights source = new GgufWeights(file);
        ModelConfig config = architecture.fromGguf(String.valueOf(meta.get("general.architecture")), meta, source);
        ModelWeights weights = ModelWeights.load(config, source, WeightMatrix::of);
        return new LoadedModel(name, config, weights, () -> Tokenizers.fromGgufMetadata(meta),
                () -> ChatTemplate.fromGgufMetadata(meta));
    }
}
