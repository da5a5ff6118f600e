package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our tokenizer.json path against Hugging Face {@code tokenizers} itself: the token ids in
 * hf-reference/expected.json were produced by tools/hf-reference/tokenizers_and_templates.py from the same
 * tokenizer.json files this test writes (see {@link HuggingFaceReferenceInputs}).
 */
class HuggingFaceReferenceTest {
    @TempDir
    static Path dir;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        HuggingFaceReferenceInputs.main(new String[] {dir.toString()});
        try (InputStream in = HuggingFaceReferenceTest.class.getResourceAsStream("/hf-reference/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void qwenStyleTokenizerJsonMatchesHuggingFaceTokenizers() {
        check("qwen-style");
    }

    @Test
    void llama2StyleTokenizerJsonMatchesHuggingFaceTokenizers() {
        check("llama-2-style");
    }

    private static void check(String name) {
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(dir.resolve(name));
        List<String> texts = ByteLevelAgreementTest.texts();
        JsonNode ids = expected.path("tokens").path(name);
        assertThat(ids.size()).as("reference covers the corpus").isEqualTo(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            int[] reference = new int[ids.get(i).size()];
            for (int j = 0; j < reference.length; j++) {
                reference[j] = ids.get(i).get(j).asInt();
            }
            assertThat(tokenizer.encode(texts.get(i), false, true)).as("%s tokens of %s", name, texts.get(i))
                    .containsExactly(reference);
        }
    }
}
