package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each unusable input gives one clear error naming what is wrong. */
class TokenizerErrorsTest {
    @TempDir
    Path dir;

    @Test
    void missingTokenizerJson() {
        assertThatThrownBy(() -> Tokenizers.fromHuggingFaceDirectory(dir))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("no tokenizer.json in");
    }

    @Test
    void malformedTokenizerJson() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        assertThatThrownBy(() -> Tokenizers.fromHuggingFaceDirectory(dir))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.json is not valid JSON");
    }

    @Test
    void unknownHuggingFaceModelType() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 0}}}");
        assertThatThrownBy(() -> Tokenizers.fromHuggingFaceDirectory(dir))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("unsupported tokenizer model type 'WordPiece'");
    }

    @Test
    void ggufWithoutVocabulary() {
        assertThatThrownBy(() -> Tokenizers.fromGgufMetadata(Map.of("general.architecture", "llama")))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("GGUF file has no vocabulary")
                .hasMessageContaining("tokenizer.ggml.model");
        assertThatThrownBy(() -> Tokenizers.fromGgufMetadata(Map.of("tokenizer.ggml.model", "llama")))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.tokens missing");
    }

    @Test
    void unknownGgufTokenizerModel() {
        Map<String, Object> meta = new HashMap<>(TinyVocabularies.qwenStyle().ggufMetadata());
        meta.put("tokenizer.ggml.model", "bert");
        assertThatThrownBy(() -> Tokenizers.fromGgufMetadata(meta))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("tokenizer.ggml.model='bert'");
    }

    @Test
    void unknownGgufPreTokenizer() {
        Map<String, Object> meta = new HashMap<>(TinyVocabularies.qwenStyle().ggufMetadata());
        meta.put("tokenizer.ggml.pre", "martian");
        assertThatThrownBy(() -> Tokenizers.fromGgufMetadata(meta))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("unsupported tokenizer.ggml.pre 'martian'");
    }

    @Test
    void mismatchedArraysAndOutOfRangeIds() {
        Map<String, Object> meta = new HashMap<>(TinyVocabularies.qwenStyle().ggufMetadata());
        meta.put("tokenizer.ggml.token_type", new int[] {1, 1});
        assertThatThrownBy(() -> Tokenizers.fromGgufMetadata(meta))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("token_type has 2 entries");
        Tokenizer tokenizer = Tokenizers.fromGgufMetadata(TinyVocabularies.qwenStyle().ggufMetadata());
        assertThatThrownBy(() -> tokenizer.decode(new int[] {1_000_000}))
                .isInstanceOf(TokenizerException.class).hasMessageContaining("token id 1000000 is outside the vocabulary");
    }
}
