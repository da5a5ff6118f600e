package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/** Qwen3-MoE: the Qwen3 decoder (q/k head norms, explicit head_dim) with a mixture of experts in every layer. */
public final class Qwen3MoeArchitecture implements Architecture {

    @Override
    public String name() {
        return "qwen3moe";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("qwen3moe");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("qwen3_moe");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        ModelConfig dense = DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NEOX, false, true);
        return dense.withExperts(ExpertConfigs.requiredFromGguf(Hyperparameters.gguf(metadata, ggufName)));
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, Boolean.TRUE.equals(config.get("attention_bias")),
                true).withExperts(ExpertConfigs.qwen3Moe(Hyperparameters.hf(config)));
    }
}
