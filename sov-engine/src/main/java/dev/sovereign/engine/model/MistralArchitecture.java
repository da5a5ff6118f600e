package dev.sovereign.engine.model;

import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/**
 * Mistral 7B-style models: a Llama decoder with GQA and its own rope base. llama.cpp writes them to GGUF as
 * {@code llama}, so only config.json names them. The sliding window (v0.1's 4096) is applied where config.json sets
 * one (llama.cpp ignores it; transformers and vLLM apply it).
 */
public final class MistralArchitecture implements Architecture {

    @Override
    public String name() {
        return "mistral";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of();
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("mistral");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NORMAL, false, false);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        return DecoderConfigs.fromHf(name(), config, weights, false, false);
    }
}
