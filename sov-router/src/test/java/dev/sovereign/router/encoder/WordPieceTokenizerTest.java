package dev.sovereign.router.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.sovereign.router.train.Datasets;
import dev.sovereign.router.train.Example;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our pure-Java WordPiece against Hugging Face's Rust tokenizer on the same tokenizer.json. */
class WordPieceTokenizerTest {

    @TempDir
    Path tmp;

    /** Its corpus includes data-set questions, so it runs where the shared data is. */
    @Test
    @NeedsSharedData({"datasets/mmlu_pro/mmlu_pro_test.csv", "datasets/jailbreak/jailbreak_benign.csv"})
    void sameIdsAsHuggingFaceTokenizers() throws Exception {
        Path json = tmp.resolve("tokenizer.json");
        try (InputStream in = OnnxEncoder.resource(OnnxEncoder.TOKENIZER_RESOURCE)) {
            Files.copy(in, json, StandardCopyOption.REPLACE_EXISTING);
        }
        WordPieceTokenizer ours;
        try (InputStream in = Files.newInputStream(json)) {
            ours = WordPieceTokenizer.fromTokenizerJson(in);
        }
        List<String> texts = new ArrayList<>(List.of(
                "Hello, world!", "Héllo wörld — naïve café résumé", "日本語のテキストです。中文也可以",
                "don't stop: x^2 + y_1 = 3.14159; see https://example.com/a?b=c#d",
                "def f(x):\n\treturn x**2  # squares", "Ünïcödé ÀÉÎÕÜ ß ﬁ", "emoji 😀 and \u0000 control\u200b chars",
                "Привет, мир! Γειά σου Κόσμε", "a".repeat(150) + " tail", "", "   "));
        Datasets data = new Datasets(SharedData.file("datasets"));
        data.mmluPro().stream().limit(300).map(Example::text).forEach(texts::add);
        data.jailbreak().stream().limit(200).map(Example::text).forEach(texts::add);

        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
            int mismatches = 0;
            for (String text : texts) {
                long[] expected = hf.encode(text).getIds();
                int[] actual = ours.encode(text, Integer.MAX_VALUE).toArray();
                if (!Arrays.equals(Arrays.stream(expected).mapToInt(x -> (int) x).toArray(), actual)) {
                    mismatches++;
                    int at = 0;
                    while (at < actual.length && at < expected.length && actual[at] == expected[at]) {
                        at++;
                    }
                    System.err.println("mismatch at token " + at + ": ours "
                            + Arrays.toString(Arrays.copyOfRange(actual, at, Math.min(actual.length, at + 5))) + " hf "
                            + Arrays.toString(Arrays.copyOfRange(expected, at, Math.min(expected.length, at + 5)))
                            + " ours tokens " + hf.decode(Arrays.stream(Arrays.copyOfRange(actual, Math.max(0, at - 3), Math.min(actual.length, at + 5))).mapToLong(x -> x).toArray()));
                }
            }
            assertThat(mismatches).isZero();
        }
    }

    @Test
    void truncatesAtMaxTokens() {
        WordPieceTokenizer t = WordPieceTokenizer.fromTokenizerJson(OnnxEncoder.resource(OnnxEncoder.TOKENIZER_RESOURCE));
        assertThat(t.encode("one two three four five six", 3).size()).isEqualTo(3);
    }
}
