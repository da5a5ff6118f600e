package dev.sovereign.engine.testmodel;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.safetensors.HfTensorNames;
import dev.sovereign.engine.tokenizer.ScriptedVocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated Llama-architecture GGUF whose greedy answer is a fixed script, so tests of what the server makes of an
 * answer (reasoning, tool calls) run on a real model through the real engine and get the same answer every time.
 *
 * <p>How: one layer whose attention and MLP write nothing (their output projections are zero), so the last hidden
 * state is the input token's embedding; each token that has a successor gets an embedding of its own axis, and the
 * LM head row of its successor reads that axis. The model is a bigram table: after a prompt ending in
 * {@code "\n"} it writes one script, after {@code "\n\n"} (what Qwen3's template adds with thinking off) another, each
 * piece a token of its own ({@link ScriptedVocabulary}), then {@code <|im_end|>}.
 */
public final class ScriptedModel {

    /**
     * A Qwen3-style ChatML template: the generation prompt ends in {@code "\n"}, or with
     * {@code chat_template_kwargs.enable_thinking} false in an empty think block and {@code "\n\n"}.
     */
    public static final String THINKING_TEMPLATE = "{%- for message in messages %}{{ '<|im_start|>' + message['role']"
            + " + '\\n' + (message['content'] or '') + '<|im_end|>\\n' }}{%- endfor %}"
            + "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
            + "{%- if enable_thinking is defined and enable_thinking is false %}{{ '<think>\\n\\n</think>\\n\\n' }}{%- endif %}"
            + "{%- endif %}";

    private static final int DIM = 64;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int HEAD_DIM = 16;
    private static final int FFN = 64;
    /** Each step's winning logit: the one-hot embedding is sqrt(DIM) after RMS norm, times this. */
    private static final float GAIN = 4f;

    private ScriptedModel() {
    }

    /**
     * @param scripts for each prompt ending ({@link ScriptedVocabulary#NEWLINE} or {@link ScriptedVocabulary#BLANK_LINE}),
     *                the pieces the model writes after it, in order
     */
    public static Path write(Path file, Map<String, List<String>> scripts, String chatTemplate) {
        List<String> pieces = new ArrayList<>();
        scripts.values().forEach(pieces::addAll);
        ScriptedVocabulary vocabulary = new ScriptedVocabulary(pieces);
        int vocab = vocabulary.size();
        int end = vocabulary.id("<|im_end|>");
        Map<Integer, Integer> successor = new LinkedHashMap<>();
        scripts.forEach((ending, script) -> {
            int previous = vocabulary.id(ending);
            for (String piece : script) {
                successor.put(previous, vocabulary.id(piece));
                previous = vocabulary.id(piece);
            }
            successor.put(previous, end);
        });
        if (successor.size() > DIM) {
            throw new IllegalArgumentException("scripts of at most " + DIM + " tokens in all");
        }
        float[] embedding = new float[vocab * DIM];
        float[] head = new float[vocab * DIM];
        int axis = 0;
        for (Map.Entry<Integer, Integer> step : successor.entrySet()) {
            embedding[step.getKey() * DIM + axis] = 1f;
            head[step.getValue() * DIM + axis] = GAIN;
            axis++;
        }
        List<GgufWriter.Entry> hf = new ArrayList<>();
        hf.add(matrix("model.embed_tokens.weight", vocab, DIM, embedding));
        String p = "model.layers.0.";
        hf.add(ones(p + "input_layernorm.weight", DIM));
        hf.add(zeros(p + "self_attn.q_proj.weight", HEADS * HEAD_DIM, DIM));
        hf.add(zeros(p + "self_attn.k_proj.weight", KV_HEADS * HEAD_DIM, DIM));
        hf.add(zeros(p + "self_attn.v_proj.weight", KV_HEADS * HEAD_DIM, DIM));
        hf.add(zeros(p + "self_attn.o_proj.weight", DIM, HEADS * HEAD_DIM));
        hf.add(ones(p + "post_attention_layernorm.weight", DIM));
        hf.add(zeros(p + "mlp.gate_proj.weight", FFN, DIM));
        hf.add(zeros(p + "mlp.up_proj.weight", FFN, DIM));
        hf.add(zeros(p + "mlp.down_proj.weight", DIM, FFN));
        hf.add(ones("model.norm.weight", DIM));
        hf.add(matrix("lm_head.weight", vocab, DIM, head));
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        for (GgufWriter.Entry t : hf) {
            tensors.add(new GgufWriter.Entry(HfTensorNames.toGguf(t.name()), t.shape(), t.values(), DType.F32));
        }
        GgufWriter.write(file, metadata(vocabulary, chatTemplate), tensors);
        return file;
    }

    private static Map<String, Object> metadata(ScriptedVocabulary vocabulary, String chatTemplate) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", "llama");
        meta.put("general.name", "scripted");
        meta.put("llama.context_length", 512);
        meta.put("llama.embedding_length", DIM);
        meta.put("llama.block_count", 1);
        meta.put("llama.feed_forward_length", FFN);
        meta.put("llama.attention.head_count", HEADS);
        meta.put("llama.attention.head_count_kv", KV_HEADS);
        meta.put("llama.attention.key_length", HEAD_DIM);
        meta.put("llama.attention.value_length", HEAD_DIM);
        meta.put("llama.rope.dimension_count", HEAD_DIM);
        meta.put("llama.rope.freq_base", 10000f);
        meta.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        meta.put("general.file_type", 0);
        meta.putAll(vocabulary.ggufMetadata(chatTemplate));
        return meta;
    }

    private static GgufWriter.Entry matrix(String name, int rows, int columns, float[] values) {
        return new GgufWriter.Entry(name, new long[] {rows, columns}, values, DType.F32);
    }

    private static GgufWriter.Entry zeros(String name, int rows, int columns) {
        return matrix(name, rows, columns, new float[rows * columns]);
    }

    private static GgufWriter.Entry ones(String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return new GgufWriter.Entry(name, new long[] {n}, v, DType.F32);
    }
}
