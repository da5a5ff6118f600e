package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny random-weight BERT encoder (the shape of all-MiniLM-L6-v2 and BGE-small, scaled down) written as a
 * sentence-transformers folder (safetensors with BertModel's names, WordPiece tokenizer.json, mean pooling and
 * normalisation) and as the GGUF llama.cpp's converter writes for its {@code bert} architecture.
 */
public final class BertTestModel {

    public static final String NAME = "bert-tiny";
    public static final int HIDDEN = 32;
    public static final int LAYERS = 2;
    public static final int HEADS = 4;
    public static final int FFN = 64;
    public static final int POSITIONS = 48;
    public static final int TYPES = 2;
    public static final float EPS = 1e-12f;
    private static final long SEED = 41;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BertTestModel() {
    }

    /** Specials first (ids 0-4 as in BERT's order), then characters, suffix pieces and a few whole words. */
    public static List<String> vocabulary() {
        List<String> v = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        for (char c = '!'; c <= '~'; c++) {
            if (!Character.isUpperCase(c)) {
                v.add(String.valueOf(c));
            }
        }
        for (char c = 'a'; c <= 'z'; c++) {
            v.add("##" + c);
        }
        for (char c = '0'; c <= '9'; c++) {
            v.add("##" + c);
        }
        v.addAll(List.of("the", "cat", "sat", "on", "mat", "dog", "ran", "hello", "world", "embed", "##ding",
                "##ed", "##ing", "un", "##able", "cafe", "token", "##izer", "中", "文", "é", "##é", "naive", "über"));
        return v;
    }

    /** The weights with the names sentence-transformers saves (BertModel's, without a "bert." prefix). */
    public static List<GgufWriter.Entry> weights() {
        SplittableRandom random = new SplittableRandom(SEED);
        int vocab = vocabulary().size();
        List<GgufWriter.Entry> w = new ArrayList<>();
        w.add(matrix("embeddings.word_embeddings.weight", vocab, HIDDEN, random));
        w.add(matrix("embeddings.position_embeddings.weight", POSITIONS, HIDDEN, random));
        w.add(matrix("embeddings.token_type_embeddings.weight", TYPES, HIDDEN, random));
        w.add(norm("embeddings.LayerNorm.weight", random));
        w.add(vector("embeddings.LayerNorm.bias", HIDDEN, random));
        for (int l = 0; l < LAYERS; l++) {
            String p = "encoder.layer." + l + ".";
            for (String m : List.of("query", "key", "value")) {
                w.add(matrix(p + "attention.self." + m + ".weight", HIDDEN, HIDDEN, random));
                w.add(vector(p + "attention.self." + m + ".bias", HIDDEN, random));
            }
            w.add(matrix(p + "attention.output.dense.weight", HIDDEN, HIDDEN, random));
            w.add(vector(p + "attention.output.dense.bias", HIDDEN, random));
            w.add(norm(p + "attention.output.LayerNorm.weight", random));
            w.add(vector(p + "attention.output.LayerNorm.bias", HIDDEN, random));
            w.add(matrix(p + "intermediate.dense.weight", FFN, HIDDEN, random));
            w.add(vector(p + "intermediate.dense.bias", FFN, random));
            w.add(matrix(p + "output.dense.weight", HIDDEN, FFN, random));
            w.add(vector(p + "output.dense.bias", HIDDEN, random));
            w.add(norm(p + "output.LayerNorm.weight", random));
            w.add(vector(p + "output.LayerNorm.bias", HIDDEN, random));
        }
        return w;
    }

    /** Writes {@code <dir>/bert-tiny-hf}: the folder sentence-transformers saves, weights as {@code dtype}. */
    public static Path writeHf(Path dir, DType dtype) {
        Path folder = dir.resolve(NAME + "-hf");
        try {
            Files.createDirectories(folder.resolve("1_Pooling"));
            List<GgufWriter.Entry> tensors = new ArrayList<>();
            for (GgufWriter.Entry t : weights()) {
                tensors.add(new GgufWriter.Entry(t.name(), t.shape(), t.values(), dtype));
            }
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors);
            Files.writeString(folder.resolve("config.json"), config().toPrettyString());
            Files.writeString(folder.resolve("tokenizer.json"), tokenizerJson().toPrettyString());
            Files.writeString(folder.resolve("modules.json"), """
                    [
                      {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                      {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                      {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}
                    ]
                    """);
            Files.writeString(folder.resolve("1_Pooling/config.json"), """
                    {"word_embedding_dimension": %d, "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true,
                     "pooling_mode_max_tokens": false, "pooling_mode_mean_sqrt_len_tokens": false}
                    """.formatted(HIDDEN));
            Files.writeString(folder.resolve("sentence_bert_config.json"),
                    "{\"max_seq_length\": " + POSITIONS + ", \"do_lower_case\": false}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** Writes {@code <dir>/bert-tiny.gguf} with llama.cpp's bert keys, tensor names and phantom-space vocabulary. */
    public static Path writeGguf(Path dir, int poolingType) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "bert");
        meta.put("general.name", NAME);
        meta.put("bert.context_length", POSITIONS);
        meta.put("bert.embedding_length", HIDDEN);
        meta.put("bert.feed_forward_length", FFN);
        meta.put("bert.block_count", LAYERS);
        meta.put("bert.attention.head_count", HEADS);
        meta.put("bert.attention.layer_norm_epsilon", EPS);
        meta.put("bert.attention.causal", false);
        meta.put("bert.pooling_type", poolingType);
        meta.put("general.file_type", 0);
        List<String> tokens = new ArrayList<>();
        int[] types = new int[vocabulary().size()];
        for (String t : vocabulary()) {
            int i = tokens.size();
            boolean special = t.startsWith("[") && t.endsWith("]") && t.length() > 2;
            // llama.cpp's converter: a word start gets the phantom space, a ## continuation loses its prefix
            tokens.add(special ? t : t.startsWith("##") ? t.substring(2) : "\u2581" + t);
            types[i] = special ? 3 : 1;
        }
        meta.put("tokenizer.ggml.model", "bert");
        meta.put("tokenizer.ggml.tokens", tokens);
        meta.put("tokenizer.ggml.token_type", types);
        meta.put("tokenizer.ggml.token_type_count", TYPES);
        meta.put("tokenizer.ggml.unknown_token_id", 1);
        meta.put("tokenizer.ggml.padding_token_id", 0);
        meta.put("tokenizer.ggml.cls_token_id", 2);
        meta.put("tokenizer.ggml.seperator_token_id", 3);
        meta.put("tokenizer.ggml.mask_token_id", 4);
        meta.put("tokenizer.ggml.bos_token_id", 2);
        meta.put("tokenizer.ggml.eos_token_id", 3);
        meta.put("tokenizer.ggml.add_bos_token", true);
        meta.put("tokenizer.ggml.add_eos_token", true);
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        for (GgufWriter.Entry hf : weights()) {
            tensors.add(new GgufWriter.Entry(ggufName(hf.name()), hf.shape(), hf.values(), DType.F32));
        }
        Path file = dir.resolve(NAME + ".gguf");
        GgufWriter.write(file, meta, tensors);
        return file;
    }

    static String ggufName(String hf) {
        return dev.sovereign.engine.model.bert.BertTensorNames.toGguf(hf);
    }

    private static ObjectNode config() {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add("BertModel");
        c.put("model_type", "bert");
        c.put("hidden_size", HIDDEN);
        c.put("num_hidden_layers", LAYERS);
        c.put("num_attention_heads", HEADS);
        c.put("intermediate_size", FFN);
        c.put("hidden_act", "gelu");
        c.put("max_position_embeddings", POSITIONS);
        c.put("type_vocab_size", TYPES);
        c.put("layer_norm_eps", EPS);
        c.put("vocab_size", vocabulary().size());
        c.put("pad_token_id", 0);
        c.put("position_embedding_type", "absolute");
        c.put("hidden_dropout_prob", 0.1);
        c.put("attention_probs_dropout_prob", 0.1);
        c.put("torch_dtype", "float32");
        return c;
    }

    /** BERT uncased's tokenizer.json layout (normalizer, pre-tokenizer, [CLS] $A [SEP] template) over our vocabulary. */
    public static ObjectNode tokenizerJson() {
        List<String> vocab = vocabulary();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < 5; i++) {
            added.addObject().put("id", i).put("content", vocab.get(i)).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
                .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
        ObjectNode specials = post.putObject("special_tokens");
        for (String s : List.of("[CLS]", "[SEP]")) {
            ObjectNode node = specials.putObject(s).put("id", s);
            node.putArray("ids").add(vocab.indexOf(s));
            node.putArray("tokens").add(s);
        }
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model").put("type", "WordPiece").put("unk_token", "[UNK]")
                .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
        ObjectNode ids = model.putObject("vocab");
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        return root;
    }

    private static GgufWriter.Entry matrix(String name, int rows, int columns, SplittableRandom random) {
        float[] v = new float[rows * columns];
        float bound = (float) Math.sqrt(3.0 / columns);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return new GgufWriter.Entry(name, new long[] {rows, columns}, v, DType.F32);
    }

    private static GgufWriter.Entry norm(String name, SplittableRandom random) {
        float[] v = new float[HIDDEN];
        for (int i = 0; i < HIDDEN; i++) {
            v[i] = (float) (1 + (random.nextDouble() - 0.5) * 0.4);
        }
        return new GgufWriter.Entry(name, new long[] {HIDDEN}, v, DType.F32);
    }

    private static GgufWriter.Entry vector(String name, int n, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
        }
        return new GgufWriter.Entry(name, new long[] {n}, v, DType.F32);
    }
}
