package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/** Qwen3 dense models: RMSNorm on each query and key head before rotation, explicit head_dim, no qkv bias. */
public final class Qwen3Architecture implements Architecture {

    @Override
    public String name() {
        return "qwen3";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("qwen3");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("qwen3");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NEOX, false, true);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, Boolean.TRUE.equals(config.get("attention_bias")),
                true);
    }
}
