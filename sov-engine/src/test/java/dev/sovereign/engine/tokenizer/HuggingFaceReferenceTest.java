package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.testing.NeedsSharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
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
        HuggingFaceReferenceInputs.writeByteLevel(dir);
        try (InputStream in = HuggingFaceReferenceTest.class.getResourceAsStream("/hf-reference/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @FieldSource("dev.sovereign.engine.tokenizer.HuggingFaceReferenceInputs#BYTE_LEVEL")
    void byteLevelEncodesAndDecodesAsHuggingFaceTokenizers(String name) {
        check(name);
    }

    @ParameterizedTest
    @FieldSource("dev.sovereign.engine.tokenizer.HuggingFaceReferenceInputs#SENTENCE_PIECE")
    @NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)
    void sentencePieceEncodesAndDecodesAsHuggingFaceTokenizers(String name) throws IOException {
        if (!Files.isDirectory(dir.resolve(name))) {
            HuggingFaceReferenceInputs.writeSentencePiece(dir);
        }
        check(name);
    }

    private static void check(String name) {
        assertAgrees(Tokenizers.fromHuggingFaceDirectory(dir.resolve(name)), name, ByteLevelAgreementTest.texts(),
                expected.path("tokenizers").path(name), "tokens_with_special");
    }

    /**
     * Our ids (plain and with special tokens) and decoded text equal a reference entry of the script's output,
     * whose ids with special tokens stand under {@code withSpecialField}.
     */
    static void assertAgrees(Tokenizer tokenizer, String name, List<String> texts, JsonNode reference,
                             String withSpecialField) {
        assertThat(reference.path("tokens").size()).as("reference covers the corpus").isEqualTo(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] plain = ids(reference.path("tokens").get(i));
            assertThat(tokenizer.encode(text, false, true)).as("%s tokens of %s", name, text).containsExactly(plain);
            assertThat(tokenizer.encode(text, true, true)).as("%s tokens with specials of %s", name, text)
                    .containsExactly(ids(reference.path(withSpecialField).get(i)));
            assertThat(tokenizer.decode(plain)).as("%s decode of %s", name, text)
                    .isEqualTo(reference.path("decoded").get(i).asText());
        }
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = array.get(j).asInt();
        }
        return ids;
    }
}
