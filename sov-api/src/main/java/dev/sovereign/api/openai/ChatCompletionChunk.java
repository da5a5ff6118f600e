package dev.sovereign.api.openai;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One SSE event of a streamed chat completion. The usage chunk requested by
 * {@code stream_options.include_usage} has an empty {@code choices} list and a {@code usage}.
 */
public record ChatCompletionChunk(String id, String object, long created, String model,
                                  @JsonInclude(JsonInclude.Include.ALWAYS) List<Choice> choices, Usage usage) {

    public static final String OBJECT = "chat.completion.chunk";

    public record Choice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    public record Delta(String role, String content, String reasoningContent, List<ToolCall> toolCalls) {
        public static Delta text(String content) {
            return new Delta(null, content, null, null);
        }
    }

    /** The final usage chunk of {@code stream_options.include_usage}; not a wire field. */
    @JsonIgnore
    public boolean isUsageOnly() {
        return (choices == null || choices.isEmpty()) && usage != null;
    }
}
