package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;
import java.util.List;

/** {@code POST /v1/messages}. {@code system} is a string or a list of text blocks. */
public record MessagesRequest(String model, List<AnthropicMessage> messages, JsonNode system, Integer maxTokens,
                              Boolean stream, List<AnthropicTool> tools, JsonNode toolChoice, Double temperature,
                              Double topP, Integer topK, List<String> stopSequences, JsonNode metadata) {

    public MessagesRequest {
        Require.nonBlank(model, "model");
        Require.nonEmpty(messages, "messages");
        Require.present(maxTokens, "max_tokens");
        Require.positive(maxTokens, "max_tokens");
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }
}
