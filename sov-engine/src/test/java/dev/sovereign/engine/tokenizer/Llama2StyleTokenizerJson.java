package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.engine.format.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Llama-2's tokenizer.json layout (Prepend/Replace normalizers, BPE with byte fallback, BOS template) built from
 * the shared fixture's SentencePiece vocabulary, merges ordered by the merged token's score.
 */
final class Llama2StyleTokenizerJson {
    private Llama2StyleTokenizerJson() {
    }

    static void write(Path model) throws IOException {
        write(model, false);
    }

    /**
     * @param metaspace the newer layout (Mistral, Llama-2 with legacy=false): no normalizer, a Metaspace
     *                  pre-tokenizer that prefixes '▁' only at the start of the text
     */
    static void write(Path model, boolean metaspace) throws IOException {
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
        root.put("version", "1.0").putNull("truncation").putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < 3; id++) {
            added.addObject().put("id", id).put("content", tokens.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        if (metaspace) {
            root.putNull("normalizer");
            root.putObject("pre_tokenizer").put("type", "Metaspace").put("replacement", "\u2581")
                    .put("prepend_scheme", "first").put("split", false);
        } else {
            ArrayNode normalizers = root.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
            normalizers.addObject().put("type", "Prepend").put("prepend", "\u2581");
            ObjectNode replace = normalizers.addObject().put("type", "Replace").put("content", "\u2581");
            replace.putObject("pattern").put("String", " ");
            root.putNull("pre_tokenizer");
        }
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "<s>").put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode bos = post.putObject("special_tokens").putObject("<s>").put("id", "<s>");
        bos.putArray("ids").add(1);
        bos.putArray("tokens").add("<s>");
        ArrayNode decoders = root.putObject("decoder").put("type", "Sequence").putArray("decoders");
        ObjectNode unescape = decoders.addObject().put("type", "Replace").put("content", " ");
        unescape.putObject("pattern").put("String", "\u2581");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        ObjectNode bpe = root.putObject("model").put("type", "BPE").putNull("dropout").put("unk_token", "<unk>")
                .putNull("continuing_subword_prefix").putNull("end_of_word_suffix").put("fuse_unk", true)
                .put("byte_fallback", true).put("ignore_merges", false);
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
