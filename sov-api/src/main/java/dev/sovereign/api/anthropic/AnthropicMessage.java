package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;
import java.util.Set;

/** One Anthropic turn; {@code content} is a string or a list of {@link ContentBlock}s. */
public record AnthropicMessage(String role, JsonNode content) {

    public AnthropicMessage {
        Require.nonBlank(role, "role");
        Require.oneOf(role, Set.of("user", "assistant"), "role");
        Require.present(content, "content");
    }
}
