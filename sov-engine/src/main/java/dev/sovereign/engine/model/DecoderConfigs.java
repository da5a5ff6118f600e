package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.TensorValues;
import dev.sovereign.engine.format.WeightSource;
import java.util.Map;

/** Reading the hyperparameters every Llama-like decoder shares; architectures add their own twists. */
final class DecoderConfigs {

    private DecoderConfigs() {
    }

    static ModelConfig fromGguf(String architecture, String ggufName, Map<String, Object> metadata,
            WeightSource weights, RopeStyle style, boolean qkvBias, boolean qkNorm) {
        Hyperparameters h = Hyperparameters.gguf(metadata, ggufName);
        int dim = h.integer("embedding_length");
        int heads = h.integer("attention.head_count");
        int headDim = h.integer("attention.key_length", dim / heads);
        float[] freqFactors = weights.find("rope_freqs.weight").map(TensorValues::toFloats).orElse(null);
        return new ModelConfig(architecture, dim, h.integer("block_count"), heads,
                h.integer("attention.head_count_kv", heads), headDim, h.integer("feed_forward_length"),
                vocabSize(weights), h.integer("context_length", 4096),
                (float) h.number("attention.layer_norm_rms_epsilon", 1e-5), (float) h.number("rope.freq_base", 10000),
                h.integer("rope.dimension_count", headDim), style, freqFactors, qkvBias, qkNorm);
    }

    static ModelConfig fromHf(String architecture, Map<String, Object> config, WeightSource weights,
            boolean qkvBias, boolean qkNorm) {
        Hyperparameters h = Hyperparameters.hf(config);
        int dim = h.integer("hidden_size");
        int heads = h.integer("num_attention_heads");
        int headDim = h.integer("head_dim", dim / heads);
        double theta = h.number("rope_theta", 10000);
        return new ModelConfig(architecture, dim, h.integer("num_hidden_layers"), heads,
                h.integer("num_key_value_heads", heads), headDim, h.integer("intermediate_size"), vocabSize(weights),
                h.integer("max_position_embeddings", 4096), (float) h.number("rms_norm_eps", 1e-6), (float) theta,
                headDim, RopeStyle.NEOX, ropeFactors(h.raw("rope_scaling"), headDim, theta), qkvBias, qkNorm);
    }

    private static float[] ropeFactors(Object scaling, int ropeDim, double theta) {
        if (!(scaling instanceof Map<?, ?> map)) {
            return null;
        }
        Object type = map.get("rope_type") != null ? map.get("rope_type") : map.get("type");
        if ("default".equals(type)) {
            return null;
        }
        if (!"llama3".equals(type)) {
            throw new ModelFormatException("unsupported rope_scaling type '" + type + "' in config.json"
                    + " (supported: llama3)");
        }
        return RopeScaling.llama3Factors(ropeDim, theta, number(map, "factor"), number(map, "low_freq_factor"),
                number(map, "high_freq_factor"), (int) number(map, "original_max_position_embeddings"));
    }

    private static double number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new ModelFormatException("config.json rope_scaling is missing the number field " + key);
    }

    private static int vocabSize(WeightSource weights) {
        return weights.require("token_embd.weight").rows();
    }
}
