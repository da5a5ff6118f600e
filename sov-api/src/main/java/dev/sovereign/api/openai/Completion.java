package dev.sovereign.api.openai;

import java.util.List;

/** The answer (or, with {@code object = "text_completion"} per event, a stream chunk) of {@code /v1/completions}. */
public record Completion(String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    public static final String OBJECT = "text_completion";

    public record Choice(int index, String text, String finishReason) {
    }
}
