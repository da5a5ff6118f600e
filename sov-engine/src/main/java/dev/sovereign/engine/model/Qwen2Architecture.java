package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/** Qwen2 and Qwen2.5 (including Coder): biases on the q, k and v projections, NEOX rotary pairs. */
public final class Qwen2Architecture implements Architecture {

    @Override
    public String name() {
        return "qwen2";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("qwen2");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("qwen2");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NEOX, true, false);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, true, false);
    }
}
