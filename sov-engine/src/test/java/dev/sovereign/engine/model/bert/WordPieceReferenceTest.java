package dev.sovereign.engine.model.bert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.testmodel.BertTestModel;
import dev.sovereign.engine.testmodel.WriteBertReference;
import dev.sovereign.engine.tokenizer.WordPieceTokenizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our WordPiece tokenizer against HF tokenizers' ids (in the bert-tiny reference fixture) on the awkward-text corpus,
 * for bert-tiny's vocabulary and for a real one, all-MiniLM-L6-v2's tokenizer.json (from the langchain4j jar).
 */
class WordPieceReferenceTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bert-tiny-hf", "minilm"})
    void idsEqualHuggingFaceTokenizers(String vocabulary) throws Exception {
        JsonNode reference = ReferenceEmbeddings.fixture();
        List<String> texts = WriteBertReference.texts();
        JsonNode texts0 = reference.get("texts");
        assertThat(texts0).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(texts0.get(i).asText()).isEqualTo(texts.get(i));
        }
        WordPieceTokenizer tokenizer = WordPieceTokenizer.fromTokenizerJson(tokenizerJson(vocabulary));
        JsonNode expected = reference.get("tokens").get(vocabulary);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(tokenizer.encode(texts.get(i))).as("%s: %s", vocabulary, texts.get(i))
                    .containsExactly(ints(expected.get("plain").get(i)));
            assertThat(tokenizer.encodeWithSpecials(texts.get(i))).as("%s with specials: %s", vocabulary, texts.get(i))
                    .containsExactly(ints(expected.get("with_special").get(i)));
        }
    }

    private Path tokenizerJson(String vocabulary) throws Exception {
        if (vocabulary.equals("bert-tiny-hf")) {
            return BertTestModel.writeHf(dir, DType.F32).resolve("tokenizer.json");
        }
        Path file = dir.resolve("minilm-tokenizer.json");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            assertThat(in).as("the langchain4j all-MiniLM-L6-v2-q jar on the test classpath").isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }
}
