package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.json.WireJson;

/** Builds the answer of {@code /v1/embeddings}: vectors in the request's {@code encoding_format}, then usage. */
public final class EmbeddingsAnswer {

    private final ObjectNode root = WireJson.mapper().createObjectNode().put("object", "list");
    private final ArrayNode data = root.putArray("data");
    private final boolean base64;

    /** @param encodingFormat {@code float} (or null) or {@code base64} */
    public EmbeddingsAnswer(String encodingFormat) {
        this.base64 = "base64".equals(encodingFormat);
    }

    public EmbeddingsAnswer add(float[] vector) {
        ObjectNode item = data.addObject().put("object", "embedding").put("index", data.size() - 1);
        if (base64) {
            item.put("embedding", EmbeddingEncoding.base64(vector));
        } else {
            ArrayNode values = item.putArray("embedding");
            for (float f : vector) {
                values.add(f);
            }
        }
        return this;
    }

    /** The answer, naming the model and counting every input token as prompt tokens. */
    public ObjectNode finish(String model, int promptTokens) {
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return root;
    }
}
