package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Qwen-style byte-level BPE vocabulary trained by the project on its own committed corpus: 256 byte tokens,
 * the learned merges, then Qwen's special tokens. Test models of the Qwen/Mistral-style architectures embed it.
 */
public final class TinyVocabularies {
    public static final List<String> QWEN_SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>",
            "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>");
    private static final int MAX_MERGES = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile TinyVocabularies qwenStyle;

    private final List<String> tokens;
    private final List<String> merges;
    private final int[] tokenTypes;

    private TinyVocabularies(List<String> tokens, List<String> merges, int[] tokenTypes) {
        this.tokens = tokens;
        this.merges = merges;
        this.tokenTypes = tokenTypes;
    }

    /** The byte-level BPE vocabulary with Qwen's special tokens (trained once per JVM, deterministically). */
    public static TinyVocabularies qwenStyle() {
        if (qwenStyle == null) {
            synchronized (TinyVocabularies.class) {
                if (qwenStyle == null) {
                    qwenStyle = train();
                }
            }
        }
        return qwenStyle;
    }

    private static TinyVocabularies train() {
        List<String> merges = BpeTrainer.train(corpus(), MAX_MERGES);
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        java.util.Set<String> seen = new java.util.HashSet<>(tokens);
        for (String merge : merges) {
            String merged = merge.replace(" ", "");
            if (seen.add(merged)) { // two merges can spell the same token; a vocabulary lists it once
                tokens.add(merged);
            }
        }
        int normal = tokens.size();
        tokens.addAll(QWEN_SPECIAL_TOKENS);
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = (i < normal ? TokenType.NORMAL : TokenType.CONTROL).ggufCode();
        }
        return new TinyVocabularies(List.copyOf(tokens), List.copyOf(merges), types);
    }

    static String corpus() {
        try (InputStream in = TinyVocabularies.class.getResourceAsStream("/tokenizer/bpe-training-corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> tokens() {
        return tokens;
    }

    public List<String> merges() {
        return merges;
    }

    /** GGUF token types (1 normal, 3 control). */
    public int[] tokenTypes() {
        return tokenTypes.clone();
    }

    public int id(String token) {
        return tokens.indexOf(token);
    }

    /** The {@code tokenizer.ggml.*} keys a GGUF carrying this vocabulary needs, as Qwen2's converter writes them. */
    public Map<String, Object> ggufMetadata() {
        return ggufMetadata("qwen2");
    }

    /** The same vocabulary declared with another llama.cpp pre-tokenizer name (e.g. "llama-bpe", "gpt-2"). */
    public Map<String, Object> ggufMetadata(String preTokenizer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", "gpt2");
        m.put("tokenizer.ggml.pre", preTokenizer);
        m.put("tokenizer.ggml.tokens", tokens);
        m.put("tokenizer.ggml.token_type", tokenTypes());
        m.put("tokenizer.ggml.merges", merges);
        m.put("tokenizer.ggml.eos_token_id", id("<|im_end|>"));
        m.put("tokenizer.ggml.padding_token_id", id("<|endoftext|>"));
        m.put("tokenizer.ggml.bos_token_id", id("<|endoftext|>"));
        m.put("tokenizer.ggml.add_bos_token", false);
        return Collections.unmodifiableMap(m);
    }

    /** The equivalent Hugging Face tokenizer.json (Qwen2's layout: NFC, regex split, byte level). */
    public String tokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : QWEN_SPECIAL_TOKENS) {
            added.addObject().put("id", id(special)).put("content", special).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split");
        split.putObject("pattern").put("Regex", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
        split.put("behavior", "Isolated").put("invert", false);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        root.putObject("post_processor").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", false);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", false);
        ObjectNode model = root.putObject("model").put("type", "BPE");
        model.putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false)
                .put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        int normal = tokens.size() - QWEN_SPECIAL_TOKENS.size();
        for (int i = 0; i < normal; i++) {
            vocab.put(tokens.get(i), i);
        }
        ArrayNode mergeList = model.putArray("merges");
        merges.forEach(mergeList::add);
        return root.toPrettyString();
    }

    /** A tokenizer_config.json in Qwen2.5-Instruct's shape, with the given chat template (or none if null). */
    public String tokenizerConfigJson(String chatTemplate) {
        ObjectNode root = JSON.createObjectNode();
        root.put("add_bos_token", false).put("add_prefix_space", false).putNull("bos_token")
                .put("eos_token", "<|im_end|>").put("pad_token", "<|endoftext|>")
                .put("clean_up_tokenization_spaces", false).put("model_max_length", 32768)
                .put("tokenizer_class", "Qwen2Tokenizer").put("errors", "replace");
        if (chatTemplate != null) {
            root.put("chat_template", chatTemplate);
        }
        return root.toPrettyString();
    }

    /** Writes tokenizer.json and tokenizer_config.json into {@code dir}. */
    public void writeHuggingFaceFiles(Path dir, String chatTemplate) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
            Files.writeString(dir.resolve("tokenizer_config.json"), tokenizerConfigJson(chatTemplate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
