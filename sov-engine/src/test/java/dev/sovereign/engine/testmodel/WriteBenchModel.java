package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.tokenizer.TinyVocabularies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a random-weight GGUF with the exact shapes of Qwen2.5-0.5B-Instruct (24 layers, 896 wide, 14 query and 2
 * KV heads, FFN 4864, 151,936-token vocabulary, tied embeddings, qkv bias) for {@code sov bench engine}. The
 * vocabulary is the project's BPE one padded with control tokens to the real size. Usage: {@code OUT.gguf [Q8_0|F16]}.
 */
public final class WriteBenchModel {

    static final int VOCAB = 151936;

    private WriteBenchModel() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        DType type = args.length > 1 ? DType.valueOf(args[1]) : DType.Q8_0;
        TestModelSpec spec = new TestModelSpec("qwen2.5-0.5b-shape", "qwen2", 896, 24, 14, 2, 64, 4864, 1000000f,
                true, false, false, type, 21);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Map<String, Object> tokenizer = new LinkedHashMap<>(TinyVocabularies.qwenStyle().ggufMetadata("qwen2"));
        List<String> tokens = new ArrayList<>(TinyVocabularies.qwenStyle().tokens());
        int[] types = Arrays.copyOf(TinyVocabularies.qwenStyle().tokenTypes(), VOCAB);
        for (int i = tokens.size(); i < VOCAB; i++) {
            tokens.add("<|pad_" + i + "|>");
            types[i] = 3;
        }
        tokenizer.put("tokenizer.ggml.tokens", tokens);
        tokenizer.put("tokenizer.ggml.token_type", types);
        TestModels.writeGguf(spec, out, tokenizer, VOCAB);
        System.out.println(out);
    }
}
