package dev.sovereign.engine.format.safetensors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hugging Face tensor names to the GGUF names the engine uses. */
public final class HfTensorNames {

    private static final Pattern LAYER = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");
    /** One expert's matrix: Qwen3-MoE's {@code mlp.experts.E.gate_proj}, Mixtral's {@code block_sparse_moe.experts.E.w1}. */
    private static final Pattern EXPERT =
            Pattern.compile("(?:mlp|block_sparse_moe)\\.experts\\.(\\d+)\\.(\\w+)\\.weight");

    private HfTensorNames() {
    }

    /** The GGUF name, or null for tensors the engine does not use (e.g. rotary caches). */
    public static String toGguf(String hf) {
        return toGguf(hf, null);
    }

    /**
     * The GGUF name of a tensor of a model of HF type {@code modelType}: Gemma's {@code post_attention_layernorm}
     * normalises the attention output (its pre-feed-forward norm has a name of its own), where in Llama-like models
     * it is the feed-forward block's input norm.
     */
    public static String toGguf(String hf, String modelType) {
        switch (hf) {
            case "model.embed_tokens.weight":
                return "token_embd.weight";
            case "model.norm.weight":
                return "output_norm.weight";
            case "lm_head.weight":
                return "output.weight";
            default:
                break;
        }
        Matcher m = LAYER.matcher(hf);
        if (!m.matches()) {
            return null;
        }
        String expert = expertPart(m.group(2));
        if (expert != null) {
            return "blk." + m.group(1) + "." + expert;
        }
        boolean gemma = modelType != null && modelType.startsWith("gemma");
        String part = switch (m.group(2)) {
            case "input_layernorm.weight" -> "attn_norm.weight";
            case "post_attention_layernorm.weight" -> gemma ? "post_attention_norm.weight" : "ffn_norm.weight";
            case "pre_feedforward_layernorm.weight" -> "ffn_norm.weight";
            case "post_feedforward_layernorm.weight" -> "post_ffw_norm.weight";
            case "self_attn.qkv_proj.weight" -> "attn_qkv.weight";
            case "mlp.gate_up_proj.weight" -> "ffn_up.weight";
            case "self_attn.q_proj.weight" -> "attn_q.weight";
            case "self_attn.k_proj.weight" -> "attn_k.weight";
            case "self_attn.v_proj.weight" -> "attn_v.weight";
            case "self_attn.o_proj.weight" -> "attn_output.weight";
            case "self_attn.q_proj.bias" -> "attn_q.bias";
            case "self_attn.k_proj.bias" -> "attn_k.bias";
            case "self_attn.v_proj.bias" -> "attn_v.bias";
            case "self_attn.q_norm.weight" -> "attn_q_norm.weight";
            case "self_attn.k_norm.weight" -> "attn_k_norm.weight";
            case "mlp.gate_proj.weight" -> "ffn_gate.weight";
            case "mlp.up_proj.weight" -> "ffn_up.weight";
            case "mlp.down_proj.weight" -> "ffn_down.weight";
            default -> null;
        };
        return part == null ? null : "blk." + m.group(1) + "." + part;
    }

    /**
     * A mixture-of-experts tensor's name within its layer: the router is {@code ffn_gate_inp}; experts keep one tensor
     * each, {@code ffn_gate.<e>.weight} (the per-expert names of llama.cpp's older Mixtral files).
     */
    private static String expertPart(String name) {
        if (name.equals("mlp.gate.weight") || name.equals("block_sparse_moe.gate.weight")) {
            return "ffn_gate_inp.weight";
        }
        Matcher m = EXPERT.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String part = switch (m.group(2)) {
            case "gate_proj", "w1" -> "ffn_gate";
            case "up_proj", "w3" -> "ffn_up";
            case "down_proj", "w2" -> "ffn_down";
            default -> null;
        };
        return part == null ? null : part + "." + m.group(1) + ".weight";
    }
}
