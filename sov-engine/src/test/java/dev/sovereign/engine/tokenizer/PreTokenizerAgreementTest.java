package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.oracle.LlamaCpp;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The GPT-2 and Llama-3 pre-tokenizers against llama.cpp, whose hand-written splitters for those two regexes are
 * an implementation independent of ours (the Qwen2 one is covered by {@link ByteLevelAgreementTest}).
 */
class PreTokenizerAgreementTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"gpt-2", "llama-bpe", "default"})
    void encodesAndDecodesExactlyAsLlamaCpp(String pre) {
        var metadata = TinyVocabularies.qwenStyle().ggufMetadata(pre);
        Path gguf = TinyLlamaGguf.write(dir.resolve(pre + ".gguf"), metadata);
        Tokenizer tokenizer = Tokenizers.fromGgufMetadata(metadata);
        try (LlamaCpp llama = new LlamaCpp(gguf, 1, 256)) {
            for (String text : ByteLevelAgreementTest.texts()) {
                int[] expected = llama.model().encode(text);
                assertThat(tokenizer.encode(text, false, true)).as("%s tokens of %s", pre, text)
                        .containsExactly(expected);
                assertThat(tokenizer.decode(expected)).isEqualTo(llama.model().decode(expected));
            }
        }
    }
}
