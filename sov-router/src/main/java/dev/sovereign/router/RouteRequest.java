package dev.sovereign.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the router looks at: the chat messages of one request, reduced to their text. Images and
 * other non-text parts are counted, not read.
 */
public record RouteRequest(List<Message> messages) {

    /** One message: role, its text parts joined by newlines, and how many parts were not text. */
    public record Message(String role, String text, int nonTextParts) {
    }

    public RouteRequest {
        messages = List.copyOf(messages);
    }

    public static RouteRequest ofPrompt(String prompt) {
        return new RouteRequest(List.of(new Message("user", prompt == null ? "" : prompt, 0)));
    }

    /**
     * From an OpenAI {@code messages} array: content is a string, null, or a list of parts
     * ({@code {"type":"text","text":...}}, images, ...). Shape errors name the field.
     */
    public static RouteRequest fromOpenAi(JsonNode messages) {
        if (messages == null || !messages.isArray()) {
            throw new IllegalArgumentException("messages: must be an array");
        }
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw new IllegalArgumentException("messages[" + i + "]: must be an object");
            }
            String role = m.path("role").asText("");
            JsonNode content = m.get("content");
            if (content == null || content.isNull()) {
                out.add(new Message(role, "", 0));
            } else if (content.isTextual()) {
                out.add(new Message(role, content.asText(), 0));
            } else if (content.isArray()) {
                StringBuilder text = new StringBuilder();
                int other = 0;
                for (JsonNode part : content) {
                    if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(part.get("text").asText());
                    } else {
                        other++;
                    }
                }
                out.add(new Message(role, text.toString(), other));
            } else {
                throw new IllegalArgumentException("messages[" + i + "].content: must be a string or an array of parts");
            }
        }
        return new RouteRequest(out);
    }

    /** The text the classifiers read: the last user message (what the user is asking now). */
    public String classifiedText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }
}
