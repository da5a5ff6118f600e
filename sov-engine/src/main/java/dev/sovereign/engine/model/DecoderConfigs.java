package dev.sovereign.engine.model;

import dev.sovereign.engine.format.TensorValues;
import dev.sovereign.engine.format.WeightSource;
import java.util.Map;

/** Reading the hyperparameters every Llama-like decoder shares; architectures add their own twists. */
final class DecoderConfigs {

    private DecoderConfigs() {
    }

    static ModelConfig fromGguf(String architecture, String ggufName, Map<String, Object> metadata,
            WeightSource weights, RopeStyle style, boolean qkvBias, boolean qkNorm) {
        return fromGguf(architecture, ggufName, metadata, weights, style, qkvBias, qkNorm, DecoderVariant.LLAMA);
    }

    /** As above, for a decoder that differs from the Llama block as {@code variant} says. */
    static ModelConfig fromGguf(String architecture, String ggufName, Map<String, Object> metadata,
            WeightSource weights, RopeStyle style, boolean qkvBias, boolean qkNorm, DecoderVariant variant) {
        Hyperparameters h = Hyperparameters.gguf(metadata, ggufName);
        int dim = h.integer("embedding_length");
        int heads = h.integer("attention.head_count");
        int headDim = h.integer("attention.key_length", dim / heads);
        float[] freqFactors = weights.find("rope_freqs.weight").map(TensorValues::toFloats).orElse(null);
        ModelConfig config = new ModelConfig(architecture, dim, h.integer("block_count"), heads,
                h.integer("attention.head_count_kv", heads), headDim, h.integer("feed_forward_length"),
                vocabSize(weights), h.integer("context_length", 4096),
                (float) h.number("attention.layer_norm_rms_epsilon", 1e-5), (float) h.number("rope.freq_base", 10000),
                h.integer("rope.dimension_count", headDim), style, freqFactors, qkvBias, qkNorm, variant);
        return PositionEncodings.fromGguf(config, h, weights);
    }

    static ModelConfig fromHf(String architecture, Map<String, Object> config, WeightSource weights,
            boolean qkvBias, boolean qkNorm) {
        return fromHf(architecture, config, weights, qkvBias, qkNorm, DecoderVariant.LLAMA);
    }

    /** As above, for a decoder that differs from the Llama block as {@code variant} says. */
    static ModelConfig fromHf(String architecture, Map<String, Object> config, WeightSource weights,
            boolean qkvBias, boolean qkNorm, DecoderVariant variant) {
        Hyperparameters h = Hyperparameters.hf(config);
        int dim = h.integer("hidden_size");
        int heads = h.integer("num_attention_heads");
        int headDim = h.integer("head_dim", dim / heads);
        // Phi-4-mini rotates the first 3/4 of each head
        int ropeDim = (int) (headDim * h.number("partial_rotary_factor", 1));
        ModelConfig base = new ModelConfig(architecture, dim, h.integer("num_hidden_layers"), heads,
                h.integer("num_key_value_heads", heads), headDim, h.integer("intermediate_size"), vocabSize(weights),
                h.integer("max_position_embeddings", 4096), (float) h.number("rms_norm_eps", 1e-6),
                (float) h.number("rope_theta", 10000), ropeDim, RopeStyle.NEOX, null, qkvBias, qkNorm, variant);
        return PositionEncodings.fromHf(base, config);
    }

    private static int vocabSize(WeightSource weights) {
        return weights.require("token_embd.weight").rows();
    }
}
