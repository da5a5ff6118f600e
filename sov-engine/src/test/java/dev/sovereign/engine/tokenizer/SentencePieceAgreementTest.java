package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.oracle.LlamaCpp;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our SentencePiece BPE against llama.cpp on the shared Llama-2 fixture's 32,000-token vocabulary. */
class SentencePieceAgreementTest {
    private static Tokenizer tokenizer;
    private static LlamaCpp llama;

    @BeforeAll
    static void load() {
        tokenizer = Tokenizers.fromGgufMetadata(GgufFile.open(SharedFixtures.llama2TinyRandom()).metadata());
        llama = new LlamaCpp(SharedFixtures.llama2TinyRandom(), 1, 256);
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    @Test
    void encodesTheAwkwardCorpusExactlyAsLlamaCpp() {
        for (String text : AwkwardCorpus.texts()) {
            assertThat(tokenizer.encode(text, false, true)).as("tokens of %s", text)
                    .containsExactly(llama.model().encode(text));
        }
    }

    @Test
    void decodesAsLlamaCppDoes() {
        for (String text : AwkwardCorpus.texts()) {
            int[] tokens = llama.model().encode(text);
            // llama.cpp's binding concatenates pieces without SentencePiece's first-space removal
            assertThat(concatenatedContinuation(tokens)).as("decode of %s", text).isEqualTo(llama.model().decode(tokens));
        }
    }

    private static String concatenatedContinuation(int[] tokens) {
        IncrementalDecoder decoder = tokenizer.continuationDecoder();
        StringBuilder sb = new StringBuilder();
        Arrays.stream(tokens).forEach(t -> sb.append(decoder.next(t)));
        return sb.append(decoder.flush()).toString();
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
