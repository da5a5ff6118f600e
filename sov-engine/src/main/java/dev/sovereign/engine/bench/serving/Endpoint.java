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

    /** The generated text a streamed chunk carries, or "" (role-only, usage-only and final chunks carry none). */
    String textOf(JsonNode chunk) {
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode text = this == COMPLETIONS ? choice.path("text") : choice.path("delta").path("content");
        return text.isTextual() ? text.asText() : "";
    }
}
