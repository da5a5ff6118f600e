package dev.sovereign.router;

import dev.sovereign.router.config.RouterConfig;
import java.util.Map;

/**
 * Maps use_reasoning onto the model family's request field, as vLLM Semantic Router does:
 * chat_template_kwargs families (Qwen3: enable_thinking, DeepSeek: thinking) get a boolean,
 * reasoning_effort families (gpt-oss) get an effort level when reasoning is on.
 */
final class ReasoningSwitch {
    private ReasoningSwitch() {
    }

    static Map<String, Object> mutation(RouterConfig config, String model, boolean reasoning, String effort) {
        RouterConfig.ModelConfig mc = config.modelConfig() == null ? null : config.modelConfig().get(model);
        if (mc == null || mc.reasoningFamily() == null || config.reasoningFamilies() == null) {
            return Map.of();
        }
        RouterConfig.ReasoningFamily family = config.reasoningFamilies().get(mc.reasoningFamily());
        if (family == null) {
            return Map.of();
        }
        if ("chat_template_kwargs".equals(family.type())) {
            return Map.of("chat_template_kwargs", Map.of(family.parameter(), reasoning));
        }
        if (!reasoning) {
            return Map.of();
        }
        String level = effort != null ? effort
                : config.defaultReasoningEffort() != null ? config.defaultReasoningEffort() : "high";
        return Map.of(family.parameter(), level);
    }
}
