package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;

/** {@code POST /v1/completions} (also Continue's FIM autocomplete: a raw prompt with a stop list). */
public record CompletionRequest(String model, JsonNode prompt, String suffix, Boolean stream, StreamOptions streamOptions,
                                Integer maxTokens, Double temperature, Double topP, JsonNode stop, Integer n, Long seed,
                                Boolean echo, String user) {

    public CompletionRequest {
        Require.present(prompt, "prompt");
        if (!prompt.isTextual() && !prompt.isArray()) {
            throw dev.sovereign.api.error.ApiErrors.invalidField("prompt", "expected a string or an array");
        }
        Require.positive(maxTokens, "max_tokens");
    }

    public boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean wantsStreamUsage() {
        return streamOptions != null && streamOptions.wantsUsage();
    }
}
