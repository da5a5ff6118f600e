package dev.sovereign.engine.tokenizer;

import java.nio.file.Path;
import java.util.Map;

/** Builds a {@link Tokenizer} from a GGUF file's metadata or a Hugging Face model directory. */
public final class Tokenizers {
    private Tokenizers() {
    }

    /** From GGUF metadata keys {@code tokenizer.ggml.*}. */
    public static Tokenizer fromGgufMetadata(Map<String, Object> metadata) {
        return GgufVocabularyReader.read(metadata);
    }

    /** From {@code tokenizer.json} (and {@code tokenizer_config.json} when present) in {@code dir}. */
    public static Tokenizer fromHuggingFaceDirectory(Path dir) {
        return HuggingFaceTokenizerReader.read(dir);
    }
}
