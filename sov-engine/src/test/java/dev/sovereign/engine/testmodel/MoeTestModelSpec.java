package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny random-weight mixture-of-experts model: the attention of its dense counterpart {@code dense} (Mistral for
 * Mixtral, Qwen3 for Qwen3-MoE; same name, seed and widths) with every feed-forward block replaced by a router and
 * {@code experts} SwiGLU experts as wide as {@code dense.ffnDim()}. The experts' weights come from a seed of their
 * own, so GGUF and safetensors hold the same values: GGUF stacks them in 3-D {@code ffn_*_exps} tensors (as llama.cpp's
 * converter writes them), safetensors keeps one tensor per expert under the family's HF names.
 *
 * @param normalizeTopK Qwen3-MoE's {@code norm_topk_prob} (Mixtral always renormalises)
 */
public record MoeTestModelSpec(TestModelSpec dense, int experts, int expertsUsed, boolean normalizeTopK)
        implements TestModels.Variant {

    public String name() {
        return dense.name();
    }

    public boolean mixtral() {
        return dense.architecture().equals("mistral");
    }

    /** HF model_type: mixtral or qwen3_moe. */
    public String architecture() {
        return mixtral() ? "mixtral" : "qwen3_moe";
    }

    public MoeTestModelSpec withMatrixType(DType type) {
        return new MoeTestModelSpec(dense.withMatrixType(type), experts, expertsUsed, normalizeTopK);
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void gguf(Map<String, Object> metadata, List<GgufWriter.Entry> tensors) {
        String arch = dense.ggufArchitecture();
        if (!mixtral()) {
            // the dense writer wrote qwen3.* keys; llama.cpp names the sparse family qwen3moe
            Map<String, Object> renamed = new java.util.LinkedHashMap<>();
            metadata.forEach((k, v) -> renamed.put(k.startsWith("qwen3.") ? "qwen3moe." + k.substring(6) : k, v));
            metadata.clear();
            metadata.putAll(renamed);
            metadata.put("general.architecture", "qwen3moe");
            metadata.put("qwen3moe.expert_feed_forward_length", dense.ffnDim());
            arch = "qwen3moe";
        }
        metadata.put(arch + ".expert_count", experts);
        metadata.put(arch + ".expert_used_count", expertsUsed);
        if (!normalizeTopK) {
            metadata.put(arch + ".expert_weights_norm", false);
        }
        replaceFeedForward(tensors, "ffn_gate.weight", "ffn_up.weight", "ffn_down.weight", (layer, types) -> {
            String p = "blk." + layer + ".";
            List<GgufWriter.Entry> w = layerWeights(layer);
            List<GgufWriter.Entry> out = new ArrayList<>();
            out.add(new GgufWriter.Entry(p + "ffn_gate_inp.weight", w.get(0).shape(), w.get(0).values(), DType.F32));
            for (int part = 0; part < 3; part++) {
                out.add(stacked(p + GGUF_PARTS[part] + "_exps.weight", w, part, types[part]));
            }
            return out;
        });
    }

    @Override
    public void hf(ObjectNode config, List<GgufWriter.Entry> tensors) {
        config.putArray("architectures").add(mixtral() ? "MixtralForCausalLM" : "Qwen3MoeForCausalLM");
        config.put("model_type", architecture());
        config.put("num_experts_per_tok", expertsUsed);
        config.put("output_router_logits", false);
        if (mixtral()) {
            config.put("num_local_experts", experts);
            config.put("router_jitter_noise", 0.0);
        } else {
            config.put("num_experts", experts);
            config.put("moe_intermediate_size", dense.ffnDim());
            config.put("norm_topk_prob", normalizeTopK);
            config.put("decoder_sparse_step", 1);
            config.putArray("mlp_only_layers");
            config.put("use_sliding_window", false);
        }
        String block = mixtral() ? "block_sparse_moe." : "mlp.";
        String[] parts = mixtral() ? new String[] {"w1", "w3", "w2"} : new String[] {"gate_proj", "up_proj",
            "down_proj"};
        replaceFeedForward(tensors, "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight",
                (layer, types) -> {
                    String p = "model.layers." + layer + "." + block;
                    List<GgufWriter.Entry> w = layerWeights(layer);
                    List<GgufWriter.Entry> out = new ArrayList<>();
                    out.add(new GgufWriter.Entry(p + "gate.weight", w.get(0).shape(), w.get(0).values(), types[0]));
                    for (int e = 0; e < experts; e++) {
                        for (int part = 0; part < 3; part++) {
                            GgufWriter.Entry m = w.get(1 + 3 * e + part);
                            out.add(new GgufWriter.Entry(p + "experts." + e + "." + parts[part] + ".weight", m.shape(),
                                    m.values(), types[part]));
                        }
                    }
                    return out;
                });
    }

    private static final String[] GGUF_PARTS = {"ffn_gate", "ffn_up", "ffn_down"};

    private interface LayerReplacement {
        /** @param types what the writer chose for the dense gate, up and down matrices (a QuantMix may differ) */
        List<GgufWriter.Entry> of(int layer, DType[] types);
    }

    /**
     * Swaps each layer's dense gate, up and down matrices (named by their suffixes) for {@code replacement}, which
     * takes their types: the experts are as wide as the dense block, so a mix types them alike.
     */
    private static void replaceFeedForward(List<GgufWriter.Entry> tensors, String gate, String up, String down,
            LayerReplacement replacement) {
        java.util.Map<String, DType> types = new java.util.HashMap<>();
        tensors.forEach(t -> types.put(t.name(), t.type()));
        List<GgufWriter.Entry> out = new ArrayList<>();
        int layer = 0;
        for (GgufWriter.Entry t : tensors) {
            if (t.name().endsWith(gate)) {
                String prefix = t.name().substring(0, t.name().length() - gate.length());
                out.addAll(replacement.of(layer++, new DType[] {t.type(), types.get(prefix + up),
                    types.get(prefix + down)}));
            } else if (!t.name().endsWith(up) && !t.name().endsWith(down)) {
                out.add(t);
            }
        }
        tensors.clear();
        tensors.addAll(out);
    }

    /**
     * Layer {@code layer}'s router then, per expert, its gate, up and down matrices (HF shapes, F32 values), from a
     * seed of the layer's own so both formats draw the same numbers. The router's gain spreads its logits so each
     * token's choice is clear of ties.
     */
    List<GgufWriter.Entry> layerWeights(int layer) {
        SplittableRandom random = new SplittableRandom(dense.seed() * 1_000 + layer);
        int ff = dense.ffnDim();
        List<GgufWriter.Entry> w = new ArrayList<>();
        w.add(TestModels.matrix("router", experts, dense.dim(), 8f, random));
        for (int e = 0; e < experts; e++) {
            w.add(TestModels.matrix("gate", ff, dense.dim(), 1f, random));
            w.add(TestModels.matrix("up", ff, dense.dim(), 1f, random));
            w.add(TestModels.matrix("down", dense.dim(), ff, 1f, random));
        }
        return w;
    }

    /** Part {@code part} (0 gate, 1 up, 2 down) of every expert, stacked as {@code [experts, rows, columns]}. */
    private GgufWriter.Entry stacked(String name, List<GgufWriter.Entry> w, int part, DType type) {
        GgufWriter.Entry first = w.get(1 + part);
        int size = first.values().length;
        float[] values = new float[experts * size];
        for (int e = 0; e < experts; e++) {
            System.arraycopy(w.get(1 + 3 * e + part).values(), 0, values, e * size, size);
        }
        return new GgufWriter.Entry(name, new long[] {experts, first.shape()[0], first.shape()[1]}, values, type);
    }
}
