package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding details of real vocabularies that the Hugging Face decoder pipeline decides. */
class RealVocabularyDecodeTest {

    @BeforeAll
    static void installed() {
        RealVocabularies.assumeInstalled();
    }

    @Test
    void gemmasWhitespaceRunTokensDecodeToSpaces() {
        // gemma3 lists "▁▁", "▁▁▁", ... as added tokens; Hugging Face runs them through the Replace decoder too
        Tokenizer gemma = RealVocabularies.tokenizer("gemma3");
        for (String text : new String[] {"  two leading spaces", "trailing spaces   ", "a    b\t\tc"}) {
            assertThat(gemma.decode(gemma.encode(text, false, true))).isEqualTo(text);
        }
    }
}
