package dev.sovereign.engine.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The two OpenAI generation endpoints: where the prompt goes in a request and where the text comes back in a chunk. */
public enum Endpoint {

    COMPLETIONS("completions", "/v1/completions"),
    CHAT("chat", "/v1/chat/completions");

    private final String flag;
    private final String path;

    Endpoint(String flag, String path) {
        this.flag = flag;
        this.path = path;
    }

    /** The value of {@code --endpoint}; null for any other. */
    public static Endpoint byFlag(String value) {
        for (Endpoint e : values()) {
            if (e.flag.equals(value)) {
                return e;
            }
        }
        return null;
    }

    public String path() {
        return path;
    }

    /** Puts the prompt (text, or token ids on completions) where this endpoint reads it. */
    void putPrompt(ObjectNode body, JsonNode prompt) {
        if (this == COMPLETIONS) {
            body.set("prompt", prompt);
            return;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("role", "user");
        message.set("content", prompt);
        body.putArray("messages").add(message);
    }

    /**
     * Whether a streamed chunk carries a generated token: text, or an empty text that is not the closing chunk (a
     * server sends "" for a token that detokenizes to nothing, such as a control token). Role-only, usage-only and
     * closing chunks carry none.
     */
    boolean carriesToken(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode text = this == COMPLETIONS ? choice.path("text") : choice.path("delta").path("content");
        if (!text.isTextual()) {
            return false;
        }
        boolean open = choice.path("finish_reason").isNull() || choice.path("finish_reason").isMissingNode();
        boolean roleOnly = choice.path("delta").has("role") && text.asText().isEmpty();
        return !text.asText().isEmpty() || (open && !roleOnly);
    }
}
