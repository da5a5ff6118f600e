package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.engine.oracle.LlamaCpp;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tokenizer.json directories against llama.cpp: the tiny Qwen-style vocabulary (byte-level, NFC) and the Llama-2
 * fixture's vocabulary rewritten as a SentencePiece-style tokenizer.json (merges ordered by score, byte fallback).
 */
class HuggingFaceTokenizerTest {
    @TempDir
    static Path dir;
    private static LlamaCpp qwenOracle;

    @BeforeAll
    static void load() {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny-bpe.gguf"), TinyVocabularies.qwenStyle().ggufMetadata());
        qwenOracle = new LlamaCpp(gguf, 1, 256);
    }

    @AfterAll
    static void close() {
        qwenOracle.close();
    }

    @Test
    void byteLevelTokenizerJsonAgreesWithLlamaCpp() {
        Path model = dir.resolve("qwen-style");
        TinyVocabularies.qwenStyle().writeHuggingFaceFiles(model, null);
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(model);
        for (String text : ByteLevelAgreementTest.texts()) {
            // tokenizer.json normalizes to NFC first; llama.cpp does not, so it gets the normalized text
            String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
            assertThat(tokenizer.encode(text, true, true)).as("tokens of %s", text)
                    .containsExactly(qwenOracle.model().encode(nfc));
        }
        assertThat(tokenizer.eosToken()).isEqualTo(TinyVocabularies.qwenStyle().id("<|im_end|>"));
        assertThat(tokenizer.bosToken()).isEqualTo(-1);
    }

    @Test
    @NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)
    void sentencePieceTokenizerJsonAgreesWithLlamaCpp() throws IOException {
        Path model = dir.resolve("llama-2-style");
        Llama2StyleTokenizerJson.write(model);
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(model);
        assertThat(tokenizer.bosToken()).isEqualTo(1);
        try (LlamaCpp llamaOracle = new LlamaCpp(SharedFixtures.llama2TinyRandom(), 1, 256)) {
            for (String text : AwkwardCorpus.texts()) {
                int[] expected = llamaOracle.model().encode(text);
                int[] withBos = new int[expected.length + 1];
                withBos[0] = 1;
                System.arraycopy(expected, 0, withBos, 1, expected.length);
                assertThat(tokenizer.encode(text, true, true)).as("tokens of %s", text).containsExactly(withBos);
            }
        }
    }
}
