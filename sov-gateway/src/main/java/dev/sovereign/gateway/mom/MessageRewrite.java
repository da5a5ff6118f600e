package dev.sovereign.gateway.mom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies the router's changes to a request's {@code messages}: PII redaction (each message's
 * text replaced by its redacted form) and the decision's system prompt (put first, ahead of
 * any system prompt the client sent, so the platform's instruction cannot be dropped).
 */
final class MessageRewrite {

    private MessageRewrite() {
    }

    /** The rewritten messages, or null when the router asks for no change. */
    static ArrayNode apply(JsonNode messages, List<String> redacted, String systemPrompt) {
        if (redacted == null && systemPrompt == null) {
            return null;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (systemPrompt != null) {
            out.addObject().put("role", "system").put("content", systemPrompt);
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (redacted != null && i < redacted.size() && message.isObject() && hasText(message.get("content"))) {
                out.add(withText((ObjectNode) message.deepCopy(), redacted.get(i)));
            } else {
                out.add(message);
            }
        }
        return out;
    }

    private static boolean hasText(JsonNode content) {
        if (content == null || content.isNull()) {
            return false;
        }
        if (content.isTextual()) {
            return true;
        }
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The router redacts the message's whole text (its text parts joined by newlines), so the
     * redacted text replaces the text parts as one part; images and other parts stay.
     */
    private static ObjectNode withText(ObjectNode message, String text) {
        JsonNode content = message.get("content");
        if (content.isTextual()) {
            return message.put("content", text);
        }
        ArrayNode parts = JsonNodeFactory.instance.arrayNode();
        parts.addObject().put("type", "text").put("text", text);
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText())) {
                parts.add(part);
            }
        }
        message.set("content", parts);
        return message;
    }
}
