package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;

/** {@code POST /v1/embeddings}: {@code input} is a string, a list of strings or of token lists. */
public record EmbeddingRequest(String model, JsonNode input, String encodingFormat, Integer dimensions, String user) {

    public EmbeddingRequest {
        Require.present(input, "input");
        Require.oneOf(encodingFormat, java.util.Set.of("float", "base64"), "encoding_format");
    }
}
