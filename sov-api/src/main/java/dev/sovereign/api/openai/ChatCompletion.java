package dev.sovereign.api.openai;

import java.util.List;

/** The non-streamed answer of {@code /v1/chat/completions}. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices, Usage usage,
                             String systemFingerprint) {

    public static final String OBJECT = "chat.completion";

    public record Choice(int index, ChatMessage message, String finishReason) {
    }
}
