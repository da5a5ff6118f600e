package dev.sovereign.engine.gpu;

import dev.sovereign.engine.model.DecoderVariant;
import dev.sovereign.engine.model.ModelConfig;
import java.util.Set;

/**
 * What the GPU decoder runs in this version: the dense Llama-block decoders (Llama, Qwen2, Qwen3, Mistral) with
 * optional qkv bias, q/k norm and any rope scaling expressed as per-pair divisors (ADR 0150). Everything else is
 * refused up front, naming what is missing and the CPU engine that runs it.
 */
final class GpuSupport {

    static final Set<String> ARCHITECTURES = Set.of("llama", "qwen2", "qwen3", "mistral");
    /** The attention kernel keeps a head's accumulator in registers, 32 lanes times at most 8 values. */
    static final int MAX_HEAD_DIM = 256;

    private GpuSupport() {
    }

    /** Throws {@link IllegalArgumentException} naming the first feature the GPU decoder does not run. */
    static void requireSupported(ModelConfig config) {
        String missing = missingFeature(config);
        if (missing != null) {
            throw new IllegalArgumentException("the cuda device does not run " + missing + " yet; use --device cpu");
        }
    }

    /** The first unsupported feature of {@code config}, described for a person, or null when it runs. */
    static String missingFeature(ModelConfig config) {
        if (config.experts() != null) {
            return "mixture-of-experts models (architecture " + config.architecture() + ")";
        }
        if (!ARCHITECTURES.contains(config.architecture())) {
            return "the architecture " + config.architecture() + " (supported: llama, qwen2, qwen3, mistral)";
        }
        DecoderVariant v = config.variant();
        for (int layer = 0; layer < config.layers(); layer++) {
            if (v.windowOf(layer) > 0) {
                return "sliding-window attention (" + config.architecture() + " window " + v.slidingWindow()
                        + "; layer " + layer + ")";
            }
        }
        if (v.activation() != DecoderVariant.Activation.SILU) {
            return "the " + v.activation() + " feed-forward activation";
        }
        if (v.embeddingScale() != 1 || v.attentionScale() != 0 || v.normWeightOffset() != 0) {
            return "a scaled embedding, attention scale or norm weight offset (" + config.architecture() + ")";
        }
        if (config.headDim() > MAX_HEAD_DIM || config.headDim() % 2 != 0) {
            return "a head dimension of " + config.headDim() + " (even and at most " + MAX_HEAD_DIM + ")";
        }
        if (config.ropeDim() > config.headDim() || config.ropeDim() % 2 != 0) {
            return "a rotary dimension of " + config.ropeDim() + " for heads of " + config.headDim();
        }
        if (config.heads() % config.kvHeads() != 0) {
            return config.heads() + " query heads over " + config.kvHeads() + " KV heads";
        }
        return null;
    }
}
