package dev.sovereign.api.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The answer of {@code /v1/messages}; also the {@code message} of a stream's {@code message_start}. */
public record MessagesResponse(String id, String type, String role, String model, List<ContentBlock> content,
                               @JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
                               @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence, AnthropicUsage usage) {

    public static MessagesResponse of(String id, String model, List<ContentBlock> content, String stopReason, AnthropicUsage usage) {
        return new MessagesResponse(id, "message", "assistant", model, content, stopReason, null, usage);
    }
}
