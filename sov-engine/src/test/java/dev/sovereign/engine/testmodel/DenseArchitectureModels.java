package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.tokenizer.TinyVocabularies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tiny random-weight models of the dense decoders beyond the Llama block: Gemma 3 (sandwich norms, GELU, a 5:1
 * local:global sliding-window pattern with its own local rope base, linear rope scaling on the global layers), Phi-3
 * (fused projections, partial rotary, LongRoPE, sliding window), Qwen2 with YaRN, and Mistral with its sliding
 * window. Each is written as llama.cpp's converter would write its GGUF and as a Hugging Face folder, from the same
 * seeded weights. The windows are far shorter than the test prompts and the original rope contexts shorter than the
 * positions the tests reach, so every feature changes the logits.
 */
public final class DenseArchitectureModels {

    /** How positions are encoded beyond plain rope. */
    public enum Positions { PLAIN, LINEAR, YARN, LONGROPE }

    /**
     * @param slidingWindow positions a query sees (itself included) on windowed layers; 0 for none
     */
    public record Spec(String name, String architecture, int layers, int slidingWindow, Positions positions,
            DType matrixType, long seed) {

        /** The shared shape; only the fields the common writers read matter. */
        TestModelSpec base() {
            boolean tied = architecture.equals("gemma3") || architecture.equals("qwen2");
            float theta = switch (architecture) {
                case "gemma3", "mistral", "qwen2" -> 1000000f;
                default -> 10000f;
            };
            return new TestModelSpec(name, architecture, DIM, layers, HEADS, KV_HEADS, HEAD_DIM, FFN, theta, tied,
                    false, false, matrixType, seed);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final int DIM = 64;
    static final int HEADS = 4;
    static final int KV_HEADS = 2;
    static final int HEAD_DIM = 16;
    static final int FFN = 128;
    /** Rope context of the scaled models: the tests run past {@link #ORIGINAL_CONTEXT}. */
    static final int CONTEXT = 128;
    static final int ORIGINAL_CONTEXT = 32;
    static final double SCALE_FACTOR = (double) CONTEXT / ORIGINAL_CONTEXT;
    /** Gemma 3's global layers divide their rope frequencies by 8 (the 4B to 27B models). */
    static final double GEMMA_LINEAR_FACTOR = 8;
    static final double PHI_ROTARY_FRACTION = 0.75;
    static final int LOCAL_ROPE_BASE = 10000;
    static final int GEMMA_PATTERN = 6;

    public static final Spec GEMMA3 = new Spec("gemma3-tiny", "gemma3", 6, 8, Positions.LINEAR, DType.F32, 21);
    public static final Spec PHI3 = new Spec("phi3-tiny", "phi3", 2, 12, Positions.LONGROPE, DType.F32, 22);
    public static final Spec QWEN2_YARN = new Spec("qwen2-yarn-tiny", "qwen2", 2, 0, Positions.YARN, DType.F16,
            23);
    public static final Spec MISTRAL_SWA = new Spec("mistral-swa-tiny", "mistral", 2, 8, Positions.PLAIN,
            DType.F32, 24);

    /** The ones llama.cpp b4916 runs (it ignores Mistral's window, so that one is checked against HF only). */
    public static final List<Spec> LLAMA_CPP = List.of(GEMMA3, PHI3, QWEN2_YARN);
    public static final List<Spec> ALL = List.of(GEMMA3, PHI3, QWEN2_YARN, MISTRAL_SWA);

    /** 48 ids: longer than every window and than {@link #ORIGINAL_CONTEXT}. */
    public static final int[] LONG_PROMPT = {72, 101, 300, 415, 270, 33, 490, 312, 5, 77, 150, 260, 199, 42, 350,
        401, 88, 123, 456, 97, 310, 222, 64, 18, 377, 141, 59, 402, 286, 163, 91, 244, 333, 17, 480, 205, 118, 69,
        391, 274, 52, 188, 430, 26, 319, 137, 85, 250};

    private static final ObjectMapper JSON = new ObjectMapper();

    private DenseArchitectureModels() {
    }

    /**
     * Writes the Hugging Face folders (float32) and {@code prompt.json} ({@link #LONG_PROMPT}) that
     * tools/reference-logits/reference_logits.py reads, into {@code args[0]}.
     */
    public static void main(String[] args) throws java.io.IOException {
        Path dir = Path.of(args[0]);
        java.nio.file.Files.createDirectories(dir);
        for (Spec spec : ALL) {
            System.out.println(writeHf(spec, dir, DType.F32));
        }
        java.nio.file.Files.writeString(dir.resolve("prompt.json"), "{\"ids\": "
                + java.util.Arrays.toString(LONG_PROMPT) + "}\n");
    }

    /** Writes {@code <dir>/<name>.gguf}. */
    public static Path writeGguf(Spec spec, Path dir) {
        TestModelSpec base = spec.base();
        Path file = dir.resolve(spec.name() + ".gguf");
        Map<String, Object> tokenizer = TestModels.tokenizerMetadata(base);
        int vocab = TestModels.vocabSize(base);
        return switch (spec.architecture()) {
            case "gemma3", "phi3" -> writeConvertedGguf(spec, file, tokenizer, vocab);
            default -> TestModels.writeGguf(base, file, tokenizer, vocab, null, extraMetadata(spec));
        };
    }

    /** Writes the Hugging Face folder {@code <dir>/<name>-hf} with weights stored as {@code dtype}. */
    public static Path writeHf(Spec spec, Path dir, DType dtype) {
        TestModelSpec base = spec.base();
        int vocab = TestModels.vocabSize(base);
        return switch (spec.architecture()) {
            case "gemma3" -> TestModels.writeHf(spec.name(), gemma3Weights(spec, vocab), gemma3Config(spec, dtype),
                    dir, dtype);
            case "phi3" -> TestModels.writeHf(spec.name(), phi3Weights(spec, vocab), phi3Config(spec, dtype), dir,
                    dtype);
            default -> TestModels.writeHf(spec.name(), TestModels.weights(base), llamaLikeConfig(spec, dtype), dir,
                    dtype);
        };
    }

    /** Gemma 3 with HF names; its norms are stored as w where the model multiplies by 1 + w. */
    static List<GgufWriter.Entry> gemma3Weights(Spec spec, int vocab) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<GgufWriter.Entry> w = new ArrayList<>();
        w.add(TestModels.matrix("model.embed_tokens.weight", vocab, DIM, 1f, random));
        for (int l = 0; l < spec.layers(); l++) {
            String p = "model.layers." + l + ".";
            w.add(gemmaNorm(p + "input_layernorm.weight", DIM, random));
            w.add(TestModels.matrix(p + "self_attn.q_proj.weight", HEADS * HEAD_DIM, DIM, 2f, random));
            w.add(TestModels.matrix(p + "self_attn.k_proj.weight", KV_HEADS * HEAD_DIM, DIM, 2f, random));
            w.add(TestModels.matrix(p + "self_attn.v_proj.weight", KV_HEADS * HEAD_DIM, DIM, 1f, random));
            w.add(gemmaNorm(p + "self_attn.q_norm.weight", HEAD_DIM, random));
            w.add(gemmaNorm(p + "self_attn.k_norm.weight", HEAD_DIM, random));
            w.add(TestModels.matrix(p + "self_attn.o_proj.weight", DIM, HEADS * HEAD_DIM, 1f, random));
            w.add(gemmaNorm(p + "post_attention_layernorm.weight", DIM, random));
            w.add(gemmaNorm(p + "pre_feedforward_layernorm.weight", DIM, random));
            w.add(TestModels.matrix(p + "mlp.gate_proj.weight", FFN, DIM, 1f, random));
            w.add(TestModels.matrix(p + "mlp.up_proj.weight", FFN, DIM, 1f, random));
            w.add(TestModels.matrix(p + "mlp.down_proj.weight", DIM, FFN, 1f, random));
            w.add(gemmaNorm(p + "post_feedforward_layernorm.weight", DIM, random));
        }
        w.add(gemmaNorm("model.norm.weight", DIM, random));
        return w;
    }

    /** Phi-3 with HF names: q, k and v in one matrix, gate and up in another; LongRoPE factors live in config. */
    static List<GgufWriter.Entry> phi3Weights(Spec spec, int vocab) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<GgufWriter.Entry> w = new ArrayList<>();
        w.add(TestModels.matrix("model.embed_tokens.weight", vocab, DIM, 1f, random));
        for (int l = 0; l < spec.layers(); l++) {
            String p = "model.layers." + l + ".";
            w.add(TestModels.norm(p + "input_layernorm.weight", DIM, random));
            w.add(stacked(p + "self_attn.qkv_proj.weight",
                    TestModels.matrix("q", HEADS * HEAD_DIM, DIM, 2f, random),
                    TestModels.matrix("k", KV_HEADS * HEAD_DIM, DIM, 2f, random),
                    TestModels.matrix("v", KV_HEADS * HEAD_DIM, DIM, 1f, random)));
            w.add(TestModels.matrix(p + "self_attn.o_proj.weight", DIM, HEADS * HEAD_DIM, 1f, random));
            w.add(TestModels.norm(p + "post_attention_layernorm.weight", DIM, random));
            w.add(stacked(p + "mlp.gate_up_proj.weight", TestModels.matrix("gate", FFN, DIM, 1f, random),
                    TestModels.matrix("up", FFN, DIM, 1f, random)));
            w.add(TestModels.matrix(p + "mlp.down_proj.weight", DIM, FFN, 1f, random));
        }
        w.add(TestModels.norm("model.norm.weight", DIM, random));
        w.add(TestModels.matrix("lm_head.weight", vocab, DIM, 4f, random));
        return w;
    }

    /** Per-pair divisors of Phi's rotary frequencies: short ones near 1, long ones growing towards the factor. */
    static float[] longRopeFactors(Spec spec, boolean longContext) {
        SplittableRandom random = new SplittableRandom(spec.seed() * 31 + (longContext ? 1 : 0));
        float[] f = new float[phiRopeDim() / 2];
        for (int i = 0; i < f.length; i++) {
            double grow = longContext ? 1 + (SCALE_FACTOR * 2 - 1) * i / (f.length - 1.0) : 1 + 0.05 * i;
            f[i] = (float) (grow * (1 + random.nextDouble() * 0.1));
        }
        return f;
    }

    static int phiRopeDim() {
        return (int) (HEAD_DIM * PHI_ROTARY_FRACTION);
    }

    /** HF's (and llama.cpp converter's) LongRoPE attention factor for a context stretched by the scale factor. */
    static float longRopeAttentionFactor() {
        return (float) Math.sqrt(1 + Math.log(SCALE_FACTOR) / Math.log(ORIGINAL_CONTEXT));
    }

    private static Path writeConvertedGguf(Spec spec, Path file, Map<String, Object> tokenizer, int vocab) {
        String arch = spec.architecture();
        boolean gemma = arch.equals("gemma3");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("general.architecture", arch);
        // llama.cpp looks up "</s>" in any vocabulary of a model whose name contains "phi3"; ours has none
        meta.put("general.name", gemma ? spec.name() : "tiny-phi");
        meta.put(arch + ".context_length", CONTEXT);
        meta.put(arch + ".embedding_length", DIM);
        meta.put(arch + ".block_count", spec.layers());
        meta.put(arch + ".feed_forward_length", FFN);
        meta.put(arch + ".attention.head_count", HEADS);
        meta.put(arch + ".attention.head_count_kv", KV_HEADS);
        meta.put(arch + ".attention.layer_norm_rms_epsilon", gemma ? 1e-6f : 1e-5f);
        // llama.cpp b4916 reads Phi-3's window but does not apply it (later versions turn it off outright), so the
        // GGUF declares one wider than any test reaches, as Phi-3-mini-128k's 262144 is; transformers checks the
        // window of the HF folder
        meta.put(arch + ".attention.sliding_window", gemma ? spec.slidingWindow() : CONTEXT);
        meta.put("general.file_type", 0);
        if (gemma) {
            meta.put(arch + ".attention.key_length", HEAD_DIM);
            meta.put(arch + ".attention.value_length", HEAD_DIM);
            meta.put(arch + ".rope.freq_base", spec.base().ropeTheta());
            meta.put(arch + ".rope.scaling.type", "linear");
            meta.put(arch + ".rope.scaling.factor", (float) GEMMA_LINEAR_FACTOR);
        } else {
            meta.put(arch + ".rope.dimension_count", phiRopeDim());
            meta.put(arch + ".rope.freq_base", spec.base().ropeTheta());
            meta.put(arch + ".rope.scaling.attn_factor", longRopeAttentionFactor());
            meta.put(arch + ".rope.scaling.original_context_length", ORIGINAL_CONTEXT);
        }
        meta.putAll(tokenizer);
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        for (GgufWriter.Entry hf : gemma ? gemma3Weights(spec, vocab) : phi3Weights(spec, vocab)) {
            String name = ggufName(hf.name(), gemma);
            float[] values = hf.values();
            if (gemma && name.endsWith("norm.weight")) {
                values = values.clone(); // llama.cpp's converter folds Gemma's 1 + w into the stored norm
                for (int i = 0; i < values.length; i++) {
                    values[i] += 1;
                }
            }
            DType type = hf.shape().length == 2 ? spec.matrixType() : DType.F32;
            tensors.add(new GgufWriter.Entry(name, hf.shape(), values, type));
        }
        if (!gemma) {
            tensors.add(vector("rope_factors_long.weight", longRopeFactors(spec, true)));
            tensors.add(vector("rope_factors_short.weight", longRopeFactors(spec, false)));
        }
        GgufWriter.write(file, meta, tensors);
        return file;
    }

    /** The tensor names llama.cpp gives Gemma 3's and Phi-3's HF tensors. */
    private static String ggufName(String hf, boolean gemma) {
        return switch (hf) {
            case "model.embed_tokens.weight" -> "token_embd.weight";
            case "model.norm.weight" -> "output_norm.weight";
            case "lm_head.weight" -> "output.weight";
            default -> {
                String[] parts = hf.split("\\.", 4); // model, layers, N, rest
                String part = switch (parts[3]) {
                    case "input_layernorm.weight" -> "attn_norm.weight";
                    case "post_attention_layernorm.weight" -> gemma ? "post_attention_norm.weight"
                            : "ffn_norm.weight";
                    case "pre_feedforward_layernorm.weight" -> "ffn_norm.weight";
                    case "post_feedforward_layernorm.weight" -> "post_ffw_norm.weight";
                    case "self_attn.q_proj.weight" -> "attn_q.weight";
                    case "self_attn.k_proj.weight" -> "attn_k.weight";
                    case "self_attn.v_proj.weight" -> "attn_v.weight";
                    case "self_attn.qkv_proj.weight" -> "attn_qkv.weight";
                    case "self_attn.o_proj.weight" -> "attn_output.weight";
                    case "self_attn.q_norm.weight" -> "attn_q_norm.weight";
                    case "self_attn.k_norm.weight" -> "attn_k_norm.weight";
                    case "mlp.gate_proj.weight" -> "ffn_gate.weight";
                    case "mlp.up_proj.weight", "mlp.gate_up_proj.weight" -> "ffn_up.weight";
                    case "mlp.down_proj.weight" -> "ffn_down.weight";
                    default -> throw new IllegalArgumentException(hf);
                };
                yield "blk." + parts[2] + "." + part;
            }
        };
    }

    /** GGUF metadata of the Llama-like variants beyond what {@link TestModels} writes. */
    private static Map<String, Object> extraMetadata(Spec spec) {
        String arch = spec.base().ggufArchitecture();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (spec.slidingWindow() > 0) {
            extra.put(arch + ".attention.sliding_window", spec.slidingWindow());
        }
        if (spec.positions() == Positions.YARN) {
            extra.put(arch + ".context_length", CONTEXT);
            extra.put(arch + ".rope.scaling.type", "yarn");
            extra.put(arch + ".rope.scaling.factor", (float) SCALE_FACTOR);
            extra.put(arch + ".rope.scaling.original_context_length", ORIGINAL_CONTEXT);
        }
        return extra;
    }

    private static ObjectNode llamaLikeConfig(Spec spec, DType dtype) {
        ObjectNode c = TestModels.hfConfig(spec.base(), dtype);
        if (spec.slidingWindow() > 0) {
            c.put("sliding_window", spec.slidingWindow());
        }
        if (spec.positions() == Positions.YARN) {
            // max_position_embeddings = factor x original, so transformers' two readings of the factor agree
            c.put("max_position_embeddings", CONTEXT);
            c.putObject("rope_scaling").put("type", "yarn").put("factor", SCALE_FACTOR)
                    .put("original_max_position_embeddings", ORIGINAL_CONTEXT);
        }
        return c;
    }

    private static ObjectNode gemma3Config(Spec spec, DType dtype) {
        ObjectNode c = commonConfig("Gemma3ForCausalLM", "gemma3_text", spec, dtype);
        c.put("head_dim", HEAD_DIM);
        c.put("hidden_activation", "gelu_pytorch_tanh");
        c.put("rms_norm_eps", 1e-6);
        c.put("rope_theta", spec.base().ropeTheta());
        c.put("rope_local_base_freq", (double) LOCAL_ROPE_BASE);
        c.putObject("rope_scaling").put("rope_type", "linear").put("factor", GEMMA_LINEAR_FACTOR);
        c.put("sliding_window", spec.slidingWindow());
        c.put("sliding_window_pattern", GEMMA_PATTERN);
        ArrayNode types = c.putArray("layer_types");
        for (int l = 0; l < spec.layers(); l++) {
            types.add((l + 1) % GEMMA_PATTERN == 0 ? "full_attention" : "sliding_attention");
        }
        c.put("query_pre_attn_scalar", HEAD_DIM);
        c.putNull("final_logit_softcapping");
        c.putNull("attn_logit_softcapping");
        c.put("tie_word_embeddings", true);
        return c;
    }

    private static ObjectNode phi3Config(Spec spec, DType dtype) {
        ObjectNode c = commonConfig("Phi3ForCausalLM", "phi3", spec, dtype);
        c.put("hidden_act", "silu");
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", spec.base().ropeTheta());
        c.put("original_max_position_embeddings", ORIGINAL_CONTEXT);
        c.put("partial_rotary_factor", PHI_ROTARY_FRACTION);
        ObjectNode scaling = c.putObject("rope_scaling").put("type", "longrope");
        for (float f : longRopeFactors(spec, false)) {
            scaling.withArray("short_factor").add(f);
        }
        for (float f : longRopeFactors(spec, true)) {
            scaling.withArray("long_factor").add(f);
        }
        c.put("sliding_window", spec.slidingWindow());
        c.put("resid_pdrop", 0.0);
        c.put("embd_pdrop", 0.0);
        c.put("tie_word_embeddings", false);
        return c;
    }

    private static ObjectNode commonConfig(String cls, String type, Spec spec, DType dtype) {
        ObjectNode c = JSON.createObjectNode();
        c.putArray("architectures").add(cls);
        c.put("model_type", type);
        c.put("hidden_size", DIM);
        c.put("intermediate_size", FFN);
        c.put("num_hidden_layers", spec.layers());
        c.put("num_attention_heads", HEADS);
        c.put("num_key_value_heads", KV_HEADS);
        c.put("max_position_embeddings", CONTEXT);
        c.put("vocab_size", TestModels.vocabSize(spec.base()));
        c.put("attention_bias", false);
        c.put("attention_dropout", 0.0);
        int eos = TestModels.eos();
        c.put("bos_token_id", TinyVocabularies.qwenStyle().id("<|endoftext|>"));
        c.put("eos_token_id", eos);
        c.put("pad_token_id", eos);
        c.put("torch_dtype", dtype == DType.F16 ? "float16" : dtype == DType.BF16 ? "bfloat16" : "float32");
        return c;
    }

    private static GgufWriter.Entry gemmaNorm(String name, int n, SplittableRandom random) {
        GgufWriter.Entry e = TestModels.norm(name, n, random);
        float[] v = e.values();
        for (int i = 0; i < n; i++) {
            v[i] -= 1;
        }
        return e;
    }

    private static GgufWriter.Entry stacked(String name, GgufWriter.Entry... parts) {
        int rows = 0;
        for (GgufWriter.Entry p : parts) {
            rows += (int) p.shape()[0];
        }
        float[] v = new float[rows * DIM];
        int at = 0;
        for (GgufWriter.Entry p : parts) {
            System.arraycopy(p.values(), 0, v, at, p.values().length);
            at += p.values().length;
        }
        return new GgufWriter.Entry(name, new long[] {rows, DIM}, v, DType.F32);
    }

    private static GgufWriter.Entry vector(String name, float[] values) {
        return new GgufWriter.Entry(name, new long[] {values.length}, values, DType.F32);
    }
}
