package dev.sovereign.engine.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes what tools/hf-reference/tokenizers_and_templates.py feeds to Hugging Face tokenizers and transformers:
 * the two tokenizer.json directories and the text corpus. Run with the test classpath and the sov.shared
 * property; the script's output becomes the committed fixture src/test/resources/hf-reference/expected.json.
 */
public final class HuggingFaceReferenceInputs {
    private HuggingFaceReferenceInputs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        TinyVocabularies.qwenStyle().writeHuggingFaceFiles(out.resolve("qwen-style"), null);
        Llama2StyleTokenizerJson.write(out.resolve("llama-2-style"));
        Files.writeString(out.resolve("corpus.json"), new ObjectMapper().writeValueAsString(ByteLevelAgreementTest.texts()));
    }
}
