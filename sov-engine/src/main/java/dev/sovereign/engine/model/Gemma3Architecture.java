package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.WeightSource;
import java.util.Map;
import java.util.Set;

/**
 * Gemma 3 text models: the embedding scaled by sqrt(dim), RMSNorm around both the attention and the feed-forward
 * block (their outputs normalised before the residual add), per-head q/k norm, a GELU-gated feed-forward, and five
 * sliding-window layers with their own unscaled rope base to each global layer. HF checkpoints store the norms as w
 * for a scale of 1 + w; llama.cpp's converter folds the 1 in, so GGUF norms load as they are.
 */
public final class Gemma3Architecture implements Architecture {

    /** Gemma 3's local:global pattern when the file does not say: layer i is global when (i + 1) % 6 == 0. */
    private static final int DEFAULT_PATTERN = 6;
    private static final float LOCAL_ROPE_BASE = 10000f;
    /** Gemma 3 27B's layer count: llama.cpp (after gemma_pytorch) scales its queries by 1/sqrt(dim / heads). */
    private static final int LAYERS_OF_27B = 62;

    @Override
    public String name() {
        return "gemma3";
    }

    @Override
    public Set<String> ggufNames() {
        return Set.of("gemma3");
    }

    @Override
    public Set<String> hfModelTypes() {
        return Set.of("gemma3_text");
    }

    @Override
    public ModelConfig fromGguf(String ggufName, Map<String, Object> metadata, WeightSource weights) {
        Hyperparameters h = Hyperparameters.gguf(metadata, ggufName);
        int dim = h.integer("embedding_length");
        int heads = h.integer("attention.head_count");
        int layers = h.integer("block_count");
        int headDim = h.integer("attention.key_length", dim / heads);
        float scale = (float) (1.0 / Math.sqrt(layers == LAYERS_OF_27B ? (double) dim / heads : headDim));
        DecoderVariant variant = variant(dim, scale, layers, h.integer("attention.sliding_window_pattern",
                DEFAULT_PATTERN), (float) h.number("rope.freq_base_swa", LOCAL_ROPE_BASE), 0);
        return DecoderConfigs.fromGguf(name(), ggufName, metadata, weights, RopeStyle.NEOX, false, true, variant);
    }

    @Override
    public ModelConfig fromHf(Map<String, Object> config, WeightSource weights) {
        Hyperparameters h = Hyperparameters.hf(config);
        String activation = h.text("hidden_activation");
        if (activation != null && !activation.equals("gelu_pytorch_tanh")) {
            throw new ModelFormatException("config.json hidden_activation '" + activation
                    + "' is not supported for gemma3 (supported: gelu_pytorch_tanh)");
        }
        for (String softcap : new String[] {"final_logit_softcapping", "attn_logit_softcapping"}) {
            if (config.get(softcap) != null) {
                throw new ModelFormatException("config.json " + softcap + " is not supported (Gemma 3 has none)");
            }
        }
        int dim = h.integer("hidden_size");
        int headDim = h.integer("head_dim", dim / h.integer("num_attention_heads"));
        float scale = (float) (1.0 / Math.sqrt(h.number("query_pre_attn_scalar", headDim)));
        DecoderVariant variant = variant(dim, scale, h.integer("num_hidden_layers"),
                h.integer("sliding_window_pattern", DEFAULT_PATTERN),
                (float) h.number("rope_local_base_freq", LOCAL_ROPE_BASE), 1);
        return DecoderConfigs.fromHf(name(), config, weights, Boolean.TRUE.equals(config.get("attention_bias")),
                true, variant);
    }

    /** The window itself comes from the file's sliding_window, read with the other position settings. */
    private static DecoderVariant variant(int dim, float attentionScale, int layers, int pattern, float localBase,
            float normOffset) {
        boolean[] windowed = new boolean[layers];
        for (int i = 0; i < layers; i++) {
            windowed[i] = (i + 1) % pattern != 0;
        }
        return new DecoderVariant(DecoderVariant.Activation.GELU_TANH, (float) Math.sqrt(dim), attentionScale, 1, 0,
                windowed, localBase, normOffset);
    }
}
