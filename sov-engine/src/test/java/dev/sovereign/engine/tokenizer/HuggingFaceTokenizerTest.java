package dev.sovereign.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.engine.format.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static LlamaCppOracle qwenOracle;
    private static LlamaCppOracle llamaOracle;

    @BeforeAll
    static void load() {
        Path gguf = TinyLlamaGguf.write(dir.resolve("tiny-bpe.gguf"), TinyVocabularies.qwenStyle().ggufMetadata());
        qwenOracle = new LlamaCppOracle(gguf);
        llamaOracle = new LlamaCppOracle(SharedFixtures.llama2TinyRandom());
    }

    @AfterAll
    static void close() {
        qwenOracle.close();
        llamaOracle.close();
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
                    .containsExactly(qwenOracle.encode(nfc));
        }
        assertThat(tokenizer.eosToken()).isEqualTo(TinyVocabularies.qwenStyle().id("<|im_end|>"));
        assertThat(tokenizer.bosToken()).isEqualTo(-1);
    }

    @Test
    void sentencePieceTokenizerJsonAgreesWithLlamaCpp() throws IOException {
        Path model = dir.resolve("llama-2-style");
        writeLlama2StyleTokenizerJson(model);
        Tokenizer tokenizer = Tokenizers.fromHuggingFaceDirectory(model);
        assertThat(tokenizer.bosToken()).isEqualTo(1);
        for (String text : AwkwardCorpus.texts()) {
            int[] expected = llamaOracle.encode(text);
            int[] withBos = new int[expected.length + 1];
            withBos[0] = 1;
            System.arraycopy(expected, 0, withBos, 1, expected.length);
            assertThat(tokenizer.encode(text, true, true)).as("tokens of %s", text).containsExactly(withBos);
        }
    }

    /** The shape of Llama-2's tokenizer.json, built from the fixture's vocabulary and scores. */
    private static void writeLlama2StyleTokenizerJson(Path model) throws IOException {
        Map<String, Object> meta = GgufFile.open(SharedFixtures.llama2TinyRandom()).metadata();
        @SuppressWarnings("unchecked")
        List<String> tokens = (List<String>) meta.get("tokenizer.ggml.tokens");
        float[] scores = (float[]) meta.get("tokenizer.ggml.scores");
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        record Merge(String left, String right, float score, int id) {
        }
        List<Merge> merges = new ArrayList<>();
        for (int id = 3 + 256; id < tokens.size(); id++) { // normal tokens only: not <unk>/<s>/</s> or bytes
            String token = tokens.get(id);
            for (int cut = 1; cut < token.length(); cut++) {
                String left = token.substring(0, cut);
                String right = token.substring(cut);
                if (ids.containsKey(left) && ids.containsKey(right) && ids.get(left) > 2 && ids.get(right) > 2) {
                    merges.add(new Merge(left, right, scores[id], id));
                }
            }
        }
        merges.sort(Comparator.comparingDouble((Merge m) -> -m.score).thenComparingInt(Merge::id));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < 3; id++) {
            added.addObject().put("id", id).put("content", tokens.get(id)).put("special", true);
        }
        ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        normalizers.addObject().put("type", "Prepend").put("prepend", "\u2581");
        ObjectNode replace = normalizers.addObject().put("type", "Replace").put("content", "\u2581");
        replace.putObject("pattern").put("String", " ");
        root.putNull("pre_tokenizer");
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ObjectNode bpe = root.putObject("model").put("type", "BPE").put("unk_token", "<unk>")
                .put("byte_fallback", true).put("fuse_unk", true);
        ObjectNode vocab = bpe.putObject("vocab");
        for (int i = 0; i < tokens.size(); i++) {
            vocab.put(tokens.get(i), i);
        }
        ArrayNode mergeList = bpe.putArray("merges");
        merges.forEach(m -> mergeList.add(m.left + " " + m.right));
        Files.createDirectories(model);
        Files.writeString(model.resolve("tokenizer.json"), root.toString());
        Files.writeString(model.resolve("tokenizer_config.json"),
                "{\"add_bos_token\": true, \"add_eos_token\": false, \"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
    }
}
