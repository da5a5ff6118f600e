package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.TensorValues;
import dev.sovereign.engine.format.WeightSource;
import java.util.List;
import java.util.Map;

/**
 * How a model encodes positions beyond plain rope, read from GGUF metadata or config.json: the rope scaling (Llama 3,
 * linear, YaRN, LongRoPE) as per-pair divisors plus an attention factor, and the sliding window with the layers it
 * applies to.
 */
final class PositionEncodings {

    private static final String SUPPORTED_HF = "default, linear, llama3, yarn, longrope";
    private static final String SUPPORTED_GGUF = "none, linear, yarn";

    private PositionEncodings() {
    }

    /** Applies GGUF's {@code rope.scaling.*} keys, rope factor tensors and {@code attention.sliding_window}. */
    static ModelConfig fromGguf(ModelConfig config, Hyperparameters h, WeightSource weights) {
        DecoderVariant variant = config.variant();
        float[] factors = config.ropeFreqFactors();
        String type = h.text("rope.scaling.type");
        double factor = h.number("rope.scaling.factor", h.number("rope.scale_linear", 0));
        int original = h.integer("rope.scaling.original_context_length", config.contextLength());
        var longFactors = weights.find("rope_factors_long.weight");
        if (factors != null) {
            // Llama 3's rope_freqs.weight already holds the divisors
        } else if (longFactors.isPresent()) {
            // LongRoPE (Phi-3 128k): the long factors serve a context beyond the original one, as in llama.cpp
            boolean isLong = config.contextLength() > original;
            factors = TensorValues.toFloats(isLong ? longFactors.get()
                    : weights.require("rope_factors_short.weight"));
            float attention = isLong ? (float) h.number("rope.scaling.attn_factor", RopeScaling
                    .longRopeAttentionFactor((double) config.contextLength() / original, original)) : 1f;
            variant = variant.withRopeAttentionFactor(attention);
        } else if ("yarn".equals(type)) {
            factors = RopeScaling.yarnFactors(config.ropeDim(), config.ropeTheta(), requireFactor(factor, "GGUF"),
                    original, 32, 1);
            variant = variant.withRopeAttentionFactor(RopeScaling.yarnAttentionFactor(factor));
        } else if ("linear".equals(type) || (type == null && factor > 0 && factor != 1)) {
            factors = RopeScaling.linearFactors(config.ropeDim(), requireFactor(factor, "GGUF"));
        } else if (type != null && !type.equals("none")) {
            throw new ModelFormatException("unsupported GGUF rope.scaling.type '" + type + "' (supported: "
                    + SUPPORTED_GGUF + ")");
        }
        int window = h.integer("attention.sliding_window", 0);
        return withPositions(config, factors, variant.withWindow(window, variant.windowedLayers()));
    }

    /**
     * Applies config.json's {@code rope_scaling} (or {@code rope_type} spelled {@code type}) and
     * {@code sliding_window}; {@code layer_types} says which layers slide, {@code use_sliding_window: false} (Qwen)
     * that none do.
     */
    static ModelConfig fromHf(ModelConfig config, Map<String, Object> json) {
        DecoderVariant variant = config.variant();
        float[] factors = null;
        if (json.get("rope_scaling") instanceof Map<?, ?> scaling) {
            Object type = scaling.get("rope_type") != null ? scaling.get("rope_type") : scaling.get("type");
            int dim = config.ropeDim();
            double theta = config.ropeTheta();
            switch (String.valueOf(type)) {
                case "default" -> { }
                case "llama3" -> factors = RopeScaling.llama3Factors(dim, theta, number(scaling, "factor"),
                        number(scaling, "low_freq_factor"), number(scaling, "high_freq_factor"),
                        (int) number(scaling, "original_max_position_embeddings"));
                case "linear" -> factors = RopeScaling.linearFactors(dim, number(scaling, "factor"));
                case "yarn" -> {
                    // the declared factor, as vLLM and llama.cpp read it (see ADR 0144)
                    double factor = number(scaling, "factor");
                    int original = (int) number(scaling, "original_max_position_embeddings", config.contextLength());
                    factors = RopeScaling.yarnFactors(dim, theta, factor, original,
                            number(scaling, "beta_fast", 32), number(scaling, "beta_slow", 1));
                    variant = variant.withRopeAttentionFactor((float) number(scaling, "attention_factor",
                            RopeScaling.yarnAttentionFactor(factor)));
                }
                case "longrope" -> {
                    int original = json.get("original_max_position_embeddings") instanceof Number n ? n.intValue()
                            : (int) number(scaling, "original_max_position_embeddings");
                    boolean isLong = config.contextLength() > original;
                    factors = floats(scaling, isLong ? "long_factor" : "short_factor", dim / 2);
                    float attention = (float) number(scaling, "attention_factor", RopeScaling
                            .longRopeAttentionFactor((double) config.contextLength() / original, original));
                    variant = variant.withRopeAttentionFactor(isLong ? attention : 1f);
                }
                default -> throw new ModelFormatException("unsupported rope_scaling type '" + type
                        + "' in config.json (supported: " + SUPPORTED_HF + ")");
            }
        }
        int window = json.get("sliding_window") instanceof Number n && !Boolean.FALSE.equals(
                json.get("use_sliding_window")) ? n.intValue() : 0;
        boolean[] layers = variant.windowedLayers();
        if (window > 0 && json.get("layer_types") instanceof List<?> types) {
            if (types.size() != config.layers()) {
                throw new ModelFormatException("config.json layer_types has " + types.size() + " entries for "
                        + config.layers() + " layers");
            }
            layers = new boolean[types.size()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = "sliding_attention".equals(types.get(i));
            }
        }
        return withPositions(config, factors, variant.withWindow(window, layers));
    }

    private static ModelConfig withPositions(ModelConfig c, float[] factors, DecoderVariant variant) {
        return new ModelConfig(c.architecture(), c.dim(), c.layers(), c.heads(), c.kvHeads(), c.headDim(), c.ffnDim(),
                c.vocabSize(), c.contextLength(), c.normEps(), c.ropeTheta(), c.ropeDim(), c.ropeStyle(), factors,
                c.qkvBias(), c.qkNorm(), variant, c.experts());
    }

    private static double requireFactor(double factor, String where) {
        if (factor <= 0) {
            throw new ModelFormatException(where + " rope scaling has no positive rope.scaling.factor");
        }
        return factor;
    }

    private static double number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new ModelFormatException("config.json rope_scaling is missing the number field " + key);
    }

    private static double number(Map<?, ?> map, String key, double fallback) {
        return map.get(key) == null ? fallback : number(map, key);
    }

    private static float[] floats(Map<?, ?> map, String key, int length) {
        if (!(map.get(key) instanceof List<?> list) || list.size() != length) {
            throw new ModelFormatException("config.json rope_scaling." + key + " must be a list of " + length
                    + " numbers (half the rotary dimensions)");
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new ModelFormatException("config.json rope_scaling." + key + "[" + i + "] is not a number");
            }
            values[i] = n.floatValue();
        }
        return values;
    }
}
