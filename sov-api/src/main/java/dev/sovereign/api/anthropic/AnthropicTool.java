package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;

/** A client tool: name, description and the JSON Schema of its input. */
public record AnthropicTool(String name, String description, JsonNode inputSchema, String type) {

    public AnthropicTool {
        Require.nonBlank(name, "name");
    }
}
