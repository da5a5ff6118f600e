package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;
import java.util.List;
import java.util.Set;

/**
 * One chat turn. {@code content} stays a JSON node because OpenAI allows a string or an array of
 * parts (text, image_url, ...); {@link #text()} flattens the text parts.
 */
public record ChatMessage(String role, JsonNode content, String name, List<ToolCall> toolCalls, String toolCallId,
                          String reasoningContent) {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    public ChatMessage {
        Require.nonBlank(role, "role");
        Require.oneOf(role, ROLES, "role");
        if ("tool".equals(role)) {
            Require.nonBlank(toolCallId, "tool_call_id");
        }
    }

    public static ChatMessage of(String role, String text) {
        return new ChatMessage(role, text == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(text), null, null, null, null);
    }

    /** The concatenated text of the content, whatever its form. */
    public String text() {
        return ContentText.of(content);
    }
}
