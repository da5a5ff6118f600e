package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;
import java.util.List;

/** {@code POST /v1/messages/count_tokens}: a messages request without the generation settings. */
public record CountTokensRequest(String model, List<AnthropicMessage> messages, JsonNode system, List<AnthropicTool> tools) {

    public CountTokensRequest {
        Require.nonBlank(model, "model");
        Require.nonEmpty(messages, "messages");
    }

    public record Result(int inputTokens) {
    }
}
