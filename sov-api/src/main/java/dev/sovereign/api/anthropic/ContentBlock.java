package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * An Anthropic content block. One record for every kind because the kinds share the envelope:
 * {@code text} (text), {@code tool_use} (id, name, input), {@code tool_result} (tool_use_id,
 * content, is_error), {@code image} (source), {@code thinking} (thinking).
 */
public record ContentBlock(String type, String text, String id, String name, JsonNode input, String toolUseId,
                           JsonNode content, Boolean isError, JsonNode source, String thinking) {

    public static ContentBlock text(String text) {
        return new ContentBlock("text", text, null, null, null, null, null, null, null, null);
    }

    public static ContentBlock toolUse(String id, String name, JsonNode input) {
        return new ContentBlock("tool_use", null, id, name, input == null ? JsonNodeFactory.instance.objectNode() : input,
                null, null, null, null, null);
    }
}
