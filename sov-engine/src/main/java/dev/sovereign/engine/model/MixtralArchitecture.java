package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/**
 * Mixtral: a Mistral decoder whose feed-forward blocks are mixtures of eight experts, two per token. llama.cpp writes
 * it to GGUF as {@code llama} with {@code llama.expert_count}, so GGUF files load through {@link LlamaArchitecture};
 * only config.json names it. As for Mistral, no sliding window is applied.
 */
public final class MixtralArchitecture implements Architecture {

    @Override
    public String name() {
        return "mixtral";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of();
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("mixtral");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        return new LlamaArchitecture().fromGguf(ggufName, metadata, weights);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, false, false)
                .withExperts(ExpertConfigs.mixtral(Hyperparameters.hf(config)));
    }
}
