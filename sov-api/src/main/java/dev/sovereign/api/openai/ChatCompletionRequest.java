package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;
import java.util.List;

/**
 * {@code POST /v1/chat/completions}. Only the fields a server or gateway acts on are typed; the
 * rest pass through untouched where the body is forwarded. {@code model} is optional here because
 * a gateway may take it from the {@code x-ai-eg-model} header.
 */
public record ChatCompletionRequest(String model, List<ChatMessage> messages, Boolean stream, StreamOptions streamOptions,
                                    Integer maxTokens, Integer maxCompletionTokens, Double temperature, Double topP,
                                    JsonNode stop, List<Tool> tools, JsonNode toolChoice, Integer n, Long seed, String user) {

    public ChatCompletionRequest {
        Require.nonEmpty(messages, "messages");
        Require.positive(maxTokens, "max_tokens");
        Require.positive(maxCompletionTokens, "max_completion_tokens");
        Require.positive(n, "n");
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean wantsStreamUsage() {
        return streamOptions != null && streamOptions.wantsUsage();
    }

    /** The output cap the client asked for, whichever of the two spellings it used. */
    public Integer outputLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }
}
