package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.safetensors.HfTensorNames;
import dev.sovereign.engine.model.RopeScaling;
import dev.sovereign.engine.tokenizer.TinySentencePieceVocabulary;
import dev.sovereign.engine.tokenizer.TinyVocabularies;
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
 * Writes tiny random-weight models of each supported architecture as GGUF (what llama.cpp's converter would write,
 * q/k rows permuted for Llama) and as Hugging Face safetensors folders, from the same seeded weights.
 */
public final class TestModels {

    public static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    public static final TestModelSpec LLAMA3 = new TestModelSpec("llama3-tiny", "llama", 64, 2, 4, 2, 16, 128,
            500000f, true, true, false, DType.Q8_0, 11);
    public static final TestModelSpec LLAMA2 = new TestModelSpec("llama2-tiny", "llama", 64, 2, 4, 4, 16, 96,
            10000f, false, false, true, DType.Q4_0, 12);
    public static final TestModelSpec QWEN2 = new TestModelSpec("qwen2-tiny", "qwen2", 64, 2, 4, 2, 16, 128,
            1000000f, true, false, false, DType.F16, 13);
    public static final TestModelSpec QWEN3 = new TestModelSpec("qwen3-tiny", "qwen3", 64, 2, 4, 2, 32, 128,
            1000000f, true, false, false, DType.Q8_0, 14);
    public static final TestModelSpec MISTRAL = new TestModelSpec("mistral-tiny", "mistral", 64, 2, 4, 2, 16, 160,
            1000000f, false, false, false, DType.F32, 15);

    public static final List<TestModelSpec> ALL = List.of(LLAMA3, LLAMA2, QWEN2, QWEN3, MISTRAL);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What turns a dense model into a variant of its architecture (a mixture of experts): it reshapes the metadata and
     * tensors the writers have built (GGUF names and types, or HF names) and the HF config.json before they are written.
     */
    interface Variant {
        Variant NONE = new Variant() {
            @Override
            public void gguf(Map<String, Object> metadata, List<GgufWriter.Entry> tensors) {
            }

            @Override
            public void hf(ObjectNode config, List<GgufWriter.Entry> tensors) {
            }
        };

        void gguf(Map<String, Object> metadata, List<GgufWriter.Entry> tensors);

        void hf(ObjectNode config, List<GgufWriter.Entry> tensors);
    }

    static final int CONTEXT = 2048;
    private static final int ORIGINAL_CONTEXT = 64;

    private TestModels() {
    }

    /** Writes {@code <dir>/<name>.gguf}. */
    public static Path writeGguf(TestModelSpec spec, Path dir) {
        return writeGguf(spec, dir.resolve(spec.name() + ".gguf"), tokenizerMetadata(spec), vocabSize(spec));
    }

    /** Writes {@code <dir>/<name>-<mix>.gguf} with each matrix typed as llama-quantize would type it in {@code mix}. */
    public static Path writeGguf(TestModelSpec spec, QuantMix mix, Path dir) {
        return writeGguf(spec, dir.resolve(spec.name() + "-" + mix.name() + ".gguf"), tokenizerMetadata(spec),
                vocabSize(spec), mix);
    }

    /** Writes {@code file} with the given tokenizer metadata and vocabulary size. */
    static Path writeGguf(TestModelSpec spec, Path file, Map<String, Object> tokenizer, int vocab) {
        return writeGguf(spec, file, tokenizer, vocab, null, Map.of(), Variant.NONE);
    }

    private static Path writeGguf(TestModelSpec spec, Path file, Map<String, Object> tokenizer, int vocab,
            QuantMix mix) {
        return writeGguf(spec, file, tokenizer, vocab, mix, Map.of(), Variant.NONE);
    }

    /** As above, with metadata keys ({@code <arch>.} prefix included) added or overridden by {@code extra}. */
    static Path writeGguf(TestModelSpec spec, Path file, Map<String, Object> tokenizer, int vocab, QuantMix mix,
            Map<String, Object> extra) {
        return writeGguf(spec, file, tokenizer, vocab, mix, extra, Variant.NONE);
    }

    /** Writes {@code <dir>/<name>.gguf} of the dense {@code spec} reshaped by {@code variant}. */
    static Path writeGguf(TestModelSpec spec, Variant variant, Path dir) {
        return writeGguf(spec, dir.resolve(spec.name() + ".gguf"), tokenizerMetadata(spec), vocabSize(spec), null,
                Map.of(), variant);
    }

    /** Writes {@code <dir>/<name>-<mix>.gguf} of the dense {@code spec} reshaped by {@code variant}. */
    static Path writeGguf(TestModelSpec spec, QuantMix mix, Variant variant, Path dir) {
        return writeGguf(spec, dir.resolve(spec.name() + "-" + mix.name() + ".gguf"), tokenizerMetadata(spec),
                vocabSize(spec), mix, Map.of(), variant);
    }

    private static Path writeGguf(TestModelSpec spec, Path file, Map<String, Object> tokenizer, int vocab,
            QuantMix mix, Map<String, Object> extra, Variant variant) {
        Map<String, Object> meta = new LinkedHashMap<>();
        String arch = spec.ggufArchitecture();
        meta.put("general.architecture", arch);
        meta.put("general.name", spec.name());
        meta.put(arch + ".context_length", CONTEXT);
        meta.put(arch + ".embedding_length", spec.dim());
        meta.put(arch + ".block_count", spec.layers());
        meta.put(arch + ".feed_forward_length", spec.ffnDim());
        meta.put(arch + ".attention.head_count", spec.heads());
        meta.put(arch + ".attention.head_count_kv", spec.kvHeads());
        meta.put(arch + ".attention.key_length", spec.headDim());
        meta.put(arch + ".attention.value_length", spec.headDim());
        meta.put(arch + ".rope.dimension_count", spec.headDim());
        meta.put(arch + ".rope.freq_base", spec.ropeTheta());
        meta.put(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
        meta.put("general.file_type", mix == null ? fileType(spec.matrixType()) : mix.fileType());
        meta.putAll(tokenizer);
        meta.putAll(extra);
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        boolean permute = arch.equals("llama");
        for (GgufWriter.Entry hf : weights(spec, vocab)) {
            String name = HfTensorNames.toGguf(hf.name());
            float[] values = hf.values();
            if (permute && name.endsWith("attn_q.weight")) {
                values = permuteForRope(values, spec.heads(), spec.dim());
            } else if (permute && name.endsWith("attn_k.weight")) {
                values = permuteForRope(values, spec.kvHeads(), spec.dim());
            }
            DType type = hf.shape().length != 2 ? DType.F32 : mix == null ? spec.matrixType()
                    : mix.typeOf(name, (int) hf.shape()[1], spec.layers(), spec.tiedEmbeddings());
            tensors.add(new GgufWriter.Entry(name, hf.shape(), values, type));
        }
        if (spec.llama3RopeScaling()) {
            tensors.add(new GgufWriter.Entry("rope_freqs.weight", new long[] {spec.headDim() / 2},
                    RopeScaling.llama3Factors(spec.headDim(), spec.ropeTheta(), 8, 1, 4, ORIGINAL_CONTEXT), DType.F32));
        }
        variant.gguf(meta, tensors);
        GgufWriter.write(file, meta, tensors);
        return file;
    }

    /** Writes a Hugging Face folder {@code <dir>/<name>-hf} with weights stored as {@code dtype}. */
    public static Path writeHf(TestModelSpec spec, Path dir, DType dtype) {
        return writeHf(spec, dir, dtype, Variant.NONE);
    }

    /** Writes a Hugging Face folder of the dense {@code spec} reshaped by {@code variant}. */
    static Path writeHf(TestModelSpec spec, Path dir, DType dtype, Variant variant) {
        if (spec.sentencePiece()) {
            throw new IllegalArgumentException("HF folders are written with the byte-level BPE vocabulary only");
        }
        return writeHf(spec.name(), weights(spec), hfConfig(spec, dtype), dir, dtype, variant);
    }

    /** Writes {@code <dir>/<name>-hf}: the tensors (HF names) as {@code dtype}, the config, the BPE vocabulary. */
    static Path writeHf(String name, List<GgufWriter.Entry> weights, ObjectNode config, Path dir, DType dtype) {
        return writeHf(name, weights, config, dir, dtype, Variant.NONE);
    }

    private static Path writeHf(String name, List<GgufWriter.Entry> weights, ObjectNode config, Path dir, DType dtype,
            Variant variant) {
        Path folder = dir.resolve(name + "-hf");
        try {
            Files.createDirectories(folder);
            List<GgufWriter.Entry> tensors = new ArrayList<>();
            for (GgufWriter.Entry t : weights) {
                tensors.add(new GgufWriter.Entry(t.name(), t.shape(), t.values(), dtype));
            }
            variant.hf(config, tensors);
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors);
            Files.writeString(folder.resolve("config.json"), config.toPrettyString());
            TinyVocabularies.qwenStyle().writeHuggingFaceFiles(folder, CHATML);
            ObjectNode generation = JSON.createObjectNode().put("eos_token_id", eos());
            Files.writeString(folder.resolve("generation_config.json"), generation.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** The model's weights with HF names and shapes, from its seed. */
    static List<GgufWriter.Entry> weights(TestModelSpec spec) {
        return weights(spec, vocabSize(spec));
    }

    static List<GgufWriter.Entry> weights(TestModelSpec spec, int vocab) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int qDim = spec.heads() * spec.headDim();
        int kvDim = spec.kvHeads() * spec.headDim();
        List<GgufWriter.Entry> w = new ArrayList<>();
        w.add(matrix("model.embed_tokens.weight", vocab, spec.dim(), 1f, random));
        for (int l = 0; l < spec.layers(); l++) {
            String p = "model.layers." + l + ".";
            w.add(norm(p + "input_layernorm.weight", spec.dim(), random));
            w.add(matrix(p + "self_attn.q_proj.weight", qDim, spec.dim(), 2f, random));
            w.add(matrix(p + "self_attn.k_proj.weight", kvDim, spec.dim(), 2f, random));
            w.add(matrix(p + "self_attn.v_proj.weight", kvDim, spec.dim(), 1f, random));
            if (spec.qkvBias()) {
                w.add(vector(p + "self_attn.q_proj.bias", qDim, 0.2f, random));
                w.add(vector(p + "self_attn.k_proj.bias", kvDim, 0.2f, random));
                w.add(vector(p + "self_attn.v_proj.bias", kvDim, 0.2f, random));
            }
            if (spec.qkNorm()) {
                w.add(norm(p + "self_attn.q_norm.weight", spec.headDim(), random));
                w.add(norm(p + "self_attn.k_norm.weight", spec.headDim(), random));
            }
            w.add(matrix(p + "self_attn.o_proj.weight", spec.dim(), qDim, 1f, random));
            w.add(norm(p + "post_attention_layernorm.weight", spec.dim(), random));
            w.add(matrix(p + "mlp.gate_proj.weight", spec.ffnDim(), spec.dim(), 1f, random));
            w.add(matrix(p + "mlp.up_proj.weight", spec.ffnDim(), spec.dim(), 1f, random));
            w.add(matrix(p + "mlp.down_proj.weight", spec.dim(), spec.ffnDim(), 1f, random));
        }
        w.add(norm("model.norm.weight", spec.dim(), random));
        if (!spec.tiedEmbeddings()) {
            w.add(matrix("lm_head.weight", vocab, spec.dim(), 4f, random));
        }
        return w;
    }

    /** Uniform values scaled to keep activations near unit size: {@code gain / sqrt(columns)}. */
    static GgufWriter.Entry matrix(String name, int rows, int columns, float gain, SplittableRandom random) {
        float[] v = new float[rows * columns];
        float bound = (float) (gain * Math.sqrt(3.0 / columns));
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return new GgufWriter.Entry(name, new long[] {rows, columns}, v, DType.F32);
    }

    static GgufWriter.Entry norm(String name, int n, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (1 + (random.nextDouble() - 0.5) * 0.4);
        }
        return new GgufWriter.Entry(name, new long[] {n}, v, DType.F32);
    }

    private static GgufWriter.Entry vector(String name, int n, float scale, SplittableRandom random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return new GgufWriter.Entry(name, new long[] {n}, v, DType.F32);
    }

    /** llama.cpp's converter reorders each head's rows from (2, d/2) to (d/2, 2) so rotary pairs are adjacent. */
    static float[] permuteForRope(float[] w, int heads, int columns) {
        int rows = w.length / columns;
        int headDim = rows / heads;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < headDim / 2; i++) {
                for (int j = 0; j < 2; j++) {
                    int to = h * headDim + 2 * i + j;
                    int from = h * headDim + j * (headDim / 2) + i;
                    System.arraycopy(w, from * columns, out, to * columns, columns);
                }
            }
        }
        return out;
    }

    static Map<String, Object> tokenizerMetadata(TestModelSpec spec) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (spec.sentencePiece()) {
            meta.putAll(TinySentencePieceVocabulary.llamaStyle().ggufMetadata());
        } else {
            String pre = spec.architecture().startsWith("qwen") ? "qwen2" : "llama-bpe";
            meta.putAll(TinyVocabularies.qwenStyle().ggufMetadata(pre));
            meta.put("tokenizer.chat_template", CHATML);
        }
        return meta;
    }

    static int vocabSize(TestModelSpec spec) {
        return spec.sentencePiece() ? TinySentencePieceVocabulary.llamaStyle().tokens().size()
                : TinyVocabularies.qwenStyle().tokens().size();
    }

    static int eos() {
        return TinyVocabularies.qwenStyle().id("<|im_end|>");
    }

    private static int fileType(DType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 7;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("write " + type + " models as a QuantMix");
        };
    }

    static ObjectNode hfConfig(TestModelSpec spec, DType dtype) {
        ObjectNode c = JSON.createObjectNode();
        String type = spec.architecture();
        String cls = switch (type) {
            case "llama" -> "LlamaForCausalLM";
            case "mistral" -> "MistralForCausalLM";
            case "qwen2" -> "Qwen2ForCausalLM";
            case "qwen3" -> "Qwen3ForCausalLM";
            default -> throw new IllegalArgumentException(type);
        };
        c.putArray("architectures").add(cls);
        c.put("model_type", type);
        c.put("hidden_size", spec.dim());
        c.put("intermediate_size", spec.ffnDim());
        c.put("num_hidden_layers", spec.layers());
        c.put("num_attention_heads", spec.heads());
        c.put("num_key_value_heads", spec.kvHeads());
        c.put("head_dim", spec.headDim());
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", CONTEXT);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", spec.ropeTheta());
        c.put("tie_word_embeddings", spec.tiedEmbeddings());
        c.put("vocab_size", vocabSize(spec));
        c.put("attention_bias", spec.qkvBias());
        c.put("bos_token_id", TinyVocabularies.qwenStyle().id("<|endoftext|>"));
        c.put("eos_token_id", eos());
        c.put("torch_dtype", switch (dtype) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        if (spec.llama3RopeScaling()) {
            c.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0).put("low_freq_factor", 1.0)
                    .put("high_freq_factor", 4.0).put("original_max_position_embeddings", ORIGINAL_CONTEXT);
        } else {
            c.putNull("rope_scaling");
        }
        if (type.equals("mistral")) {
            c.putNull("sliding_window");
        }
        if (type.equals("qwen2")) {
            c.put("use_sliding_window", false);
        }
        return c;
    }
}
