package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.testing.NeedsSharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our SentencePiece BPE against llama.cpp on the shared Llama-2 fixture's real 32,000-token vocabulary. */
@NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)
class SentencePieceAgreementTest extends SentencePieceOracleChecks {

    @Override
    Path gguf(Path dir) {
        return SharedFixtures.llama2TinyRandom();
    }

    @Test
    void metadataDrivenSpecialTokens() {
        assertThat(tokenizer.vocabularySize()).isEqualTo(32000);
        assertThat(tokenizer.bosToken()).isEqualTo(1);
        assertThat(tokenizer.eosToken()).isEqualTo(2);
        assertThat(tokenizer.endOfGenerationTokens()).contains(2);
        assertThat(tokenizer.encode("Hello", true, false)[0]).isEqualTo(1);
        assertThat(tokenizer.tokenType(3)).isEqualTo(TokenType.BYTE);
        assertThat(List.of(tokenizer.tokenText(1), tokenizer.tokenText(2))).containsExactly("<s>", "</s>");
    }
}
