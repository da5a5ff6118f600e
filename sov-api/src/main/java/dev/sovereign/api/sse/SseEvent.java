package dev.sovereign.api.sse;

/**
 * One server-sent event. {@code event} is the optional event name (Anthropic streams name every
 * event; OpenAI streams name none); {@code data} joins multi-line data with {@code \n}.
 */
public record SseEvent(String event, String data) {

    public static final String DONE = "[DONE]";

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public boolean isDone() {
        return DONE.equals(data);
    }
}
