package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.WireJson;
import java.util.Map;

/**
 * A chat request's {@code chat_template_kwargs} (vLLM's extension): further variables for the model's chat template,
 * such as Qwen3's {@code enable_thinking}. They are variables only: messages, tools and the generation prompt are the
 * request's own and cannot be replaced through them.
 */
final class ChatTemplateKwargs {

    static final String FIELD = "chat_template_kwargs";
    private static final java.util.Set<String> RESERVED = java.util.Set.of("messages", "tools", "add_generation_prompt");

    private ChatTemplateKwargs() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(ObjectNode body) {
        JsonNode kwargs = body.get(FIELD);
        if (kwargs == null || kwargs.isNull()) {
            return Map.of();
        }
        if (!kwargs.isObject()) {
            throw ApiErrors.invalidField(FIELD, "expected an object of template variables, such as {\"enable_thinking\": false}");
        }
        for (String reserved : RESERVED) {
            if (kwargs.has(reserved)) {
                throw ApiErrors.invalidField(FIELD + "." + reserved, "is set by the request itself, not a template variable");
            }
        }
        return WireJson.mapper().convertValue(kwargs, Map.class);
    }
}
