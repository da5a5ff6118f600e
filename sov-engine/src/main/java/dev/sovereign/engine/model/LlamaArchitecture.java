package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/** Llama 2 and 3.x: GQA, optional Llama 3 rope scaling, optionally tied embeddings; Mixtral's GGUF files too. */
public final class LlamaArchitecture implements Architecture {

    @Override
    public String name() {
        return "llama";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("llama");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("llama");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        // llama.cpp's converter permutes q/k rows so rotary pairs are adjacent
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NORMAL, false, false)
                .withExperts(ExpertConfigs.fromGguf(Hyperparameters.gguf(metadata, ggufName))); // Mixtral
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, Boolean.TRUE.equals(config.get("attention_bias")),
                false);
    }
}
