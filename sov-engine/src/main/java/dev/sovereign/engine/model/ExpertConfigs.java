package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import java.util.List;

/** Reading a mixture-of-experts model's routing from GGUF metadata or config.json. */
final class ExpertConfigs {

    private ExpertConfigs() {
    }

    /**
     * The routing GGUF metadata declares ({@code <arch>.expert_count} above zero), or null for a dense model. The
     * top-k weights are renormalised unless {@code expert_weights_norm} says otherwise, as llama.cpp does for Mixtral
     * and Qwen3-MoE.
     */
    static ExpertRouting fromGguf(Hyperparameters h) {
        if (h.integer("expert_count", 0) == 0) {
            return null;
        }
        return new ExpertRouting(h.integer("expert_count"), h.integer("expert_used_count"),
                h.integer("expert_feed_forward_length", h.integer("feed_forward_length")),
                h.flag("expert_weights_norm", true));
    }

    /** The routing a family that is always sparse (qwen3moe) must declare; a missing field is an error naming it. */
    static ExpertRouting requiredFromGguf(Hyperparameters h) {
        h.integer("expert_count");
        return fromGguf(h);
    }

    /** Mixtral's config.json: every layer sparse, top-k weights always renormalised. */
    static ExpertRouting mixtral(Hyperparameters h) {
        return new ExpertRouting(h.integer("num_local_experts"), h.integer("num_experts_per_tok"),
                h.integer("intermediate_size"), true);
    }

    /**
     * Qwen3-MoE's config.json. Its {@code norm_topk_prob} defaults to false, as in transformers. Configs that keep some
     * layers dense ({@code decoder_sparse_step} above 1, {@code mlp_only_layers}) are refused: no released Qwen3-MoE
     * uses them.
     */
    static ExpertRouting qwen3Moe(Hyperparameters h) {
        if (h.integer("decoder_sparse_step", 1) != 1) {
            throw new ModelFormatException("config.json decoder_sparse_step " + h.integer("decoder_sparse_step")
                    + " is not supported (only 1: every layer a mixture of experts)");
        }
        if (h.raw("mlp_only_layers") instanceof List<?> dense && !dense.isEmpty()) {
            throw new ModelFormatException("config.json mlp_only_layers " + dense
                    + " is not supported (only []: every layer a mixture of experts)");
        }
        return new ExpertRouting(h.integer("num_experts"), h.integer("num_experts_per_tok"),
                h.integer("moe_intermediate_size"), h.flag("norm_topk_prob", false));
    }
}
