package dev.sovereign.engine.model;

import dev.sovereign.engine.format.safetensors.SafetensorsDirectory;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.tokenizer.Tokenizers;
import java.nio.file.Path;

/** Loads a Hugging Face safetensors folder, its float matrices converted as a {@link WeightQuantization} says. */
final class HfModelLoader {

    private HfModelLoader() {
    }

    static LoadedModel load(Path dir, WeightQuantization quantization) {
        SafetensorsDirectory source = SafetensorsDirectory.open(dir);
        Architecture architecture = Architectures.forHf(source.config(), String.valueOf(dir.getFileName()));
        ModelConfig config = architecture.fromHf(source.config(), source);
        ModelWeights weights = ModelWeights.load(config, source, quantization.matrices());
        return new LoadedModel(String.valueOf(dir.getFileName()), config, weights,
                () -> Tokenizers.fromHuggingFaceDirectory(dir), () -> ChatTemplate.fromHuggingFaceDirectory(dir));
    }
}
