package dev.sovereign.engine.model.bert;

/**
 * Hugging Face BertModel tensor names to the names llama.cpp's converter gives them in a GGUF {@code bert} file, so
 * one encoder reads both formats. A {@code bert.} prefix (BertForMaskedLM and friends) is dropped.
 */
public final class BertTensorNames {

    private BertTensorNames() {
    }

    /** The GGUF name, or null for tensors the encoder does not use (pooler, masked-LM head, position ids). */
    public static String toGguf(String hf) {
        String name = hf.startsWith("bert.") ? hf.substring("bert.".length()) : hf;
        switch (name) {
            case "embeddings.word_embeddings.weight":
                return "token_embd.weight";
            case "embeddings.position_embeddings.weight":
                return "position_embd.weight";
            case "embeddings.token_type_embeddings.weight":
                return "token_types.weight";
            case "embeddings.LayerNorm.weight":
                return "token_embd_norm.weight";
            case "embeddings.LayerNorm.bias":
                return "token_embd_norm.bias";
            default:
                break;
        }
        if (!name.startsWith("encoder.layer.")) {
            return null;
        }
        String[] parts = name.split("\\.", 4);
        String rest = parts[3];
        int dot = rest.lastIndexOf('.');
        String part = switch (rest.substring(0, dot)) {
            case "attention.self.query" -> "attn_q";
            case "attention.self.key" -> "attn_k";
            case "attention.self.value" -> "attn_v";
            case "attention.output.dense" -> "attn_output";
            case "attention.output.LayerNorm" -> "attn_output_norm";
            case "intermediate.dense" -> "ffn_up";
            case "output.dense" -> "ffn_down";
            case "output.LayerNorm" -> "layer_output_norm";
            default -> null;
        };
        return part == null ? null : "blk." + parts[2] + "." + part + rest.substring(dot);
    }
}
