package dev.sovereign.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the router looks at: the chat messages of one request, reduced to their text. Images and
 * other non-text parts are counted, not read.
 */
public record RouteRequest(List<Message> messages) {

    /**
     * One message: role, its text parts joined by newlines, how many parts were not text, and the
     * text of its tool calls (function names and arguments), which the client writes too.
     */
    public record Message(String role, String text, int nonTextParts, String toolCallText) {

        public Message {
            toolCallText = toolCallText == null ? "" : toolCallText;
        }

        public Message(String role, String text, int nonTextParts) {
            this(role, text, nonTextParts, "");
        }
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
            String toolCalls = toolCallText(m.get("tool_calls"));
            if (content == null || content.isNull()) {
                out.add(new Message(role, "", 0, toolCalls));
            } else if (content.isTextual()) {
                out.add(new Message(role, content.asText(), 0, toolCalls));
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
                out.add(new Message(role, text.toString(), other, toolCalls));
            } else {
                throw new IllegalArgumentException("messages[" + i + "].content: must be a string or an array of parts");
            }
        }
        return new RouteRequest(out);
    }

    /** Names and arguments of an assistant message's tool calls, one per line; "" when there are none. */
    private static String toolCallText(JsonNode toolCalls) {
        if (toolCalls == null || !toolCalls.isArray()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode call : toolCalls) {
            JsonNode function = call.path("function");
            text.append(function.path("name").asText("")).append(' ')
                    .append(function.path("arguments").asText("")).append('\n');
        }
        return text.toString();
    }

    /**
     * Every text the client wrote, which the jailbreak guard reads: each message's content whatever
     * its role (system, user, tool results, and assistant turns, which a client can forge) and the
     * tool calls' arguments. Index i is message i; tool-call text follows its message's content.
     */
    public List<String> guardedTexts() {
        List<String> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            String text = m.text() == null ? "" : m.text();
            out.add(m.toolCallText().isEmpty() ? text : text + "\n" + m.toolCallText());
        }
        return out;
    }

    /** The text the domain head and keyword rules read: the last user message (what the user is asking now). */
    public String classifiedText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i).text();
            }
        }
        return "";
    }
}
