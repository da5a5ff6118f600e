package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The project's own SentencePiece-style vocabulary (what generated Llama-2-style models carry) against llama.cpp:
 * llama.cpp loads it and tokenizes as we do, so it is a valid vocabulary and not only one our code accepts.
 */
class TinySentencePieceAgreementTest extends SentencePieceOracleChecks {

    @Override
    Path gguf(Path dir) {
        return TinyLlamaGguf.write(dir.resolve("tiny-spm.gguf"), TinySentencePieceVocabulary.llamaStyle().ggufMetadata());
    }

    @Test
    void hasLlama2sLayoutAndFallsBackToBytes() {
        assertThat(tokenizer.bosToken()).isEqualTo(1);
        assertThat(tokenizer.eosToken()).isEqualTo(2);
        assertThat(tokenizer.tokenText(3)).isEqualTo("<0x00>");
        assertThat(tokenizer.tokenType(3 + 0xE6)).isEqualTo(TokenType.BYTE);
        assertThat(tokenizer.vocabularySize()).isBetween(400, 1500);
        // learned pieces, so common words are not spelled out letter by letter
        assertThat(tokenizer.encode("the", false, false)).hasSize(1);
        // a character the corpus never had falls back to its UTF-8 bytes
        assertThat(tokenizer.encode("\u9f98", false, false)).hasSizeGreaterThanOrEqualTo(3);
    }
}
