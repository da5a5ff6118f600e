package dev.sovereign.engine.tokenizer;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.testmodel.GgufWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A minimal one-layer Llama GGUF (F32 random weights) around a given vocabulary, just enough for llama.cpp to load
 * it so that its tokenizer can serve as the oracle for that vocabulary.
 */
final class TinyLlamaGguf {
    private static final int EMBED = 8;
    private static final int FEED_FORWARD = 16;

    private TinyLlamaGguf() {
    }

    static Path write(Path file, Map<String, Object> tokenizerMetadata) {
        int vocab = ((List<?>) tokenizerMetadata.get("tokenizer.ggml.tokens")).size();
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "sovereign tiny tokenizer carrier");
        kv.put("llama.context_length", 256);
        kv.put("llama.embedding_length", EMBED);
        kv.put("llama.block_count", 1);
        kv.put("llama.feed_forward_length", FEED_FORWARD);
        kv.put("llama.attention.head_count", 2);
        kv.put("llama.attention.head_count_kv", 2);
        kv.put("llama.rope.dimension_count", EMBED / 2);
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.putAll(tokenizerMetadata);

        Random random = new Random(7);
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        tensors.add(tensor("token_embd.weight", random, vocab, EMBED));
        tensors.add(tensor("output_norm.weight", random, EMBED));
        tensors.add(tensor("output.weight", random, vocab, EMBED));
        tensors.add(tensor("blk.0.attn_norm.weight", random, EMBED));
        for (String name : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
            tensors.add(tensor("blk.0." + name + ".weight", random, EMBED, EMBED));
        }
        tensors.add(tensor("blk.0.ffn_norm.weight", random, EMBED));
        tensors.add(tensor("blk.0.ffn_gate.weight", random, FEED_FORWARD, EMBED));
        tensors.add(tensor("blk.0.ffn_up.weight", random, FEED_FORWARD, EMBED));
        tensors.add(tensor("blk.0.ffn_down.weight", random, EMBED, FEED_FORWARD));
        GgufWriter.write(file, kv, tensors);
        return file;
    }

    /** Norm weights are ones, matrices small noise: the values do not matter, only that llama.cpp loads them. */
    private static GgufWriter.Entry tensor(String name, Random random, int... shape) {
        long[] dims = new long[shape.length];
        int n = 1;
        for (int d = 0; d < shape.length; d++) {
            dims[d] = shape[d];
            n *= shape[d];
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = shape.length == 1 ? 1f : (float) (random.nextGaussian() * 0.02);
        }
        return new GgufWriter.Entry(name, dims, values, DType.F32);
    }
}
