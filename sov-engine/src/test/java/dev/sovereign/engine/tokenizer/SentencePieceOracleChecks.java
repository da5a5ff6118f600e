package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.oracle.LlamaCpp;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Our SentencePiece BPE against llama.cpp on one GGUF's vocabulary: the same tokens and the same text back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SentencePieceOracleChecks {
    Tokenizer tokenizer;
    private LlamaCpp llama;

    /** The GGUF whose vocabulary both tokenizers load. */
    abstract Path gguf(Path dir);

    @BeforeAll
    void load(@TempDir Path dir) {
        Path gguf = gguf(dir);
        tokenizer = Tokenizers.fromGgufMetadata(GgufFile.open(gguf).metadata());
        llama = new LlamaCpp(gguf, 1, 256);
    }

    @AfterAll
    void close() {
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

    private String concatenatedContinuation(int[] tokens) {
        IncrementalDecoder decoder = tokenizer.continuationDecoder();
        StringBuilder sb = new StringBuilder();
        Arrays.stream(tokens).forEach(t -> sb.append(decoder.next(t)));
        return sb.append(decoder.flush()).toString();
    }
}
