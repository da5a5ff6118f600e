package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.oracle.LlamaCpp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our byte-level BPE (Qwen2 pre-tokenizer) against llama.cpp on a GGUF carrying the project's tiny vocabulary. */
class ByteLevelAgreementTest {
    @TempDir
    static Path dir;
    private static Tokenizer tokenizer;
    private static LlamaCpp llama;

    @BeforeAll
    static void load() {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny-bpe.gguf"), TinyVocabularies.qwenStyle().ggufMetadata());
        tokenizer = Tokenizers.fromGgufMetadata(GgufFile.open(gguf).metadata());
        llama = new LlamaCpp(gguf, 1, 256);
    }

    @AfterAll
    static void close() {
        llama.close();
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>(AwkwardCorpus.texts());
        texts.addAll(List.of(TinyVocabularies.corpus().split("\n\n")));
        return texts;
    }

    @Test
    void theVocabularyIsRealisticallySized() {
        TinyVocabularies v = TinyVocabularies.qwenStyle();
        assertThat(v.merges()).hasSizeBetween(300, 2000);
        assertThat(tokenizer.vocabularySize()).isEqualTo(v.tokens().size());
        int[] tokens = tokenizer.encode("the tokenizer and the engine", false, false);
        assertThat(tokens.length).as("merges shorten common words").isLessThan(10);
    }

    @Test
    void encodesExactlyAsLlamaCpp() {
        for (String text : texts()) {
            assertThat(tokenizer.encode(text, false, true)).as("tokens of %s", text)
                    .containsExactly(llama.model().encode(text));
        }
    }

    @Test
    void decodesExactlyAsLlamaCpp() {
        for (String text : texts()) {
            int[] tokens = llama.model().encode(text);
            assertThat(tokenizer.decode(tokens)).as("decode of %s", text).isEqualTo(llama.model().decode(tokens));
        }
    }

    @Test
    void specialTokensAreParsedOnlyWhenAsked() {
        int imStart = TinyVocabularies.qwenStyle().id("<|im_start|>");
        assertThat(tokenizer.encode("<|im_start|>user", false, true)[0]).isEqualTo(imStart);
        assertThat(tokenizer.encode("<|im_start|>user", false, false)).doesNotContain(imStart);
        assertThat(tokenizer.decode(tokenizer.encode("<|im_start|>user", false, false))).isEqualTo("<|im_start|>user");
        assertThat(tokenizer.endOfGenerationTokens()).contains(TinyVocabularies.qwenStyle().id("<|im_end|>"),
                TinyVocabularies.qwenStyle().id("<|endoftext|>"));
        assertThat(tokenizer.encode("hi", true, false)).as("Qwen adds no BOS")
                .containsExactly(tokenizer.encode("hi", false, false));
    }
}
