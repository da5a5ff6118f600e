package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/**
 * Phi-3 and Phi-4 (mini): a Llama block whose q/k/v and gate/up projections are stored fused (split into views on
 * load), NEOX rope over {@code partial_rotary_factor} of each head (Phi-4-mini: 3/4), LongRoPE for the 128k variants
 * and a sliding window where the config sets one.
 */
public final class Phi3Architecture implements Architecture {

    @Override
    public String name() {
        return "phi3";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("phi3");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("phi3");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NEOX, false, false);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, false, false);
    }
}
