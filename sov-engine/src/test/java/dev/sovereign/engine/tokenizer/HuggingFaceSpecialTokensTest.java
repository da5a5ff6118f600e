package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BOS/EOS and end-of-generation ids from tokenizer_config.json and generation_config.json. */
class HuggingFaceSpecialTokensTest {
    @TempDir
    Path dir;

    @Test
    void generationConfigAddsEndOfGenerationIds() throws Exception {
        TinyVocabularies vocab = TinyVocabularies.qwenStyle();
        vocab.writeHuggingFaceFiles(dir, null);
        int fimMiddle = vocab.id("<|fim_middle|>");
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [" + vocab.id("<|im_end|>") + ", "
                + fimMiddle + "], \"bos_token_id\": " + vocab.id("<|endoftext|>") + "}");
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(dir);
        assertThat(tokenizer.endOfGenerationTokens()).containsExactlyInAnyOrder(vocab.id("<|im_end|>"), fimMiddle,
                vocab.id("<|endoftext|>"));
        assertThat(tokenizer.tokenType(fimMiddle)).isEqualTo(TokenType.CONTROL);
    }

    @Test
    void addBosAndEosFollowTheConfig() throws Exception {
        TinyVocabularies vocab = TinyVocabularies.qwenStyle();
        vocab.writeHuggingFaceFiles(dir, null);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"add_bos_token\": true, \"add_eos_token\": true, "
                + "\"bos_token\": {\"content\": \"<|endoftext|>\"}, \"eos_token\": \"<|im_end|>\"}");
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(dir);
        int[] ids = tokenizer.encode("hi", true, false);
        assertThat(ids[0]).isEqualTo(vocab.id("<|endoftext|>"));
        assertThat(ids[ids.length - 1]).isEqualTo(vocab.id("<|im_end|>"));
        assertThat(tokenizer.encode("hi", false, false)).hasSize(ids.length - 2);
    }

    @Test
    void specialTokenOutsideTheVocabularyIsNamed() throws Exception {
        TinyVocabularies.qwenStyle().writeHuggingFaceFiles(dir, null);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> Tokenizers.fromHuggingFaceDirectory(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("eos_token '</s>' is not in the vocabulary");
    }
}
