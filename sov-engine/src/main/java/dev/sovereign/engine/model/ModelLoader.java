package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.format.gguf.GgufWeights;
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
     * @param quantizeQ8 quantize float matrices to Q8_0 while loading ({@link WeightQuantization#Q8_0}, what a spec's
     *     {@code fp8} means on CPU)
     */
    public static LoadedModel load(Path path, boolean quantizeQ8) {
        return load(path, quantizeQ8 ? WeightQuantization.Q8_0 : WeightQuantization.AS_STORED);
    }

    /** Opens a model, its float matrices converted as {@code quantization} says (quantized GGUF tensors stay as stored). */
    public static LoadedModel load(Path path, WeightQuantization quantization) {
        if (Files.isDirectory(path)) {
            return HfModelLoader.load(path, quantization);
        }
        if (!Files.exists(path)) {
            throw new ModelFormatException("model not found: " + path);
        }
        return loadGguf(path, quantization);
    }

    public static LoadedModel loadGguf(Path path) {
        return loadGguf(path, WeightQuantization.AS_STORED);
    }

    private static LoadedModel loadGguf(Path path, WeightQuantization quantization) {
        GgufFile file = GgufFile.open(path);
        Map<String, Object> meta = file.metadata();
        String name = String.valueOf(path.getFileName());
        Architecture architecture = Architectures.forGguf(meta, name);
        GgufWeights source = new GgufWeights(file);
        ModelConfig config = architecture.fromGguf(String.valueOf(meta.get("general.architecture")), meta, source);
        ModelWeights weights = ModelWeights.load(config, source, quantization.matrices());
        return new LoadedModel(name, config, weights, () -> Tokenizers.fromGgufMetadata(meta),
                () -> ChatTemplate.fromGgufMetadata(meta));
    }
}
