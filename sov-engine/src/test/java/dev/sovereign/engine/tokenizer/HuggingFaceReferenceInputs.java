package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes what tools/hf-reference/tokenizers_and_templates.py feeds to Hugging Face tokenizers and transformers:
 * the two tokenizer.json directories and the text corpus. Run with the test classpath and the sov.shared
 * property; the script's output becomes the committed fixture src/test/resources/hf-reference/expected.json.
 */
public final class HuggingFaceReferenceInputs {
    /** The names of the tokenizer directories, in the order the reference lists them. */
    static final List<String> TOKENIZERS = List.of("qwen-style", "llama-3-style", "llama-2-style", "mistral-style");
    /** Those built on the project's own vocabulary. */
    static final List<String> BYTE_LEVEL = TOKENIZERS.subList(0, 2);
    /** Those built on the shared fixture's SentencePiece vocabulary, so they need the shared data. */
    static final List<String> SENTENCE_PIECE = TOKENIZERS.subList(2, 4);

    private HuggingFaceReferenceInputs() {
    }

    /** The tiny vocabulary in Llama-3's layout: its regex, no normalizer, whole-word lookup, a BOS template. */
    private static void writeLlama3Style(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(TinyVocabularies.qwenStyle().tokenizerJson());
        root.putNull("normalizer");
        ((ObjectNode) root.path("pre_tokenizer").path("pretokenizers").get(0).path("pattern")).put("Regex",
                "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                        + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
        ((ObjectNode) root.path("model")).put("ignore_merges", true);
        String bos = "<|endoftext|>";
        int bosId = TinyVocabularies.qwenStyle().id(bos);
        ObjectNode post = root.putObject("post_processor").put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode special = post.putObject("special_tokens").putObject(bos).put("id", bos);
        special.putArray("ids").add(bosId);
        special.putArray("tokens").add(bos);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokenizer.json"), root.toPrettyString());
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"" + bos + "\", \"eos_token\": \"<|im_end|>\"}");
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        writeByteLevel(out);
        writeSentencePiece(out);
        Files.writeString(out.resolve("corpus.json"), new ObjectMapper().writeValueAsString(ByteLevelAgreementTest.texts()));
    }

    static void writeByteLevel(Path out) throws IOException {
        TinyVocabularies.qwenStyle().writeHuggingFaceFiles(out.resolve("qwen-style"), null);
        writeLlama3Style(out.resolve("llama-3-style"));
    }

    static void writeSentencePiece(Path out) throws IOException {
        Llama2StyleTokenizerJson.write(out.resolve("llama-2-style"));
        Llama2StyleTokenizerJson.write(out.resolve("mistral-style"), true);
    }
}
