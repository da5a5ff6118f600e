package dev.sovereign.api.anthropic;

/**
 * The events of an Anthropic message stream, in order: {@code message_start}, then per block
 * {@code content_block_start}, {@code content_block_delta}..., {@code content_block_stop}, then
 * {@code message_delta} (stop reason, output tokens) and {@code message_stop}. Each record's
 * {@code type} is also its SSE event name.
 */
public final class StreamEvents {

    private StreamEvents() {
    }

    public sealed interface Event permits MessageStart, BlockStart, BlockDelta, BlockStop, MessageDelta, MessageStop, Ping {
        String type();
    }

    public record MessageStart(String type, MessagesResponse message) implements Event {
        public MessageStart(MessagesResponse message) {
            this("message_start", message);
        }
    }

    public record BlockStart(String type, int index, ContentBlock contentBlock) implements Event {
        public BlockStart(int index, ContentBlock contentBlock) {
            this("content_block_start", index, contentBlock);
        }
    }

    /** {@code text_delta} carries {@code text}; {@code input_json_delta} carries {@code partial_json}. */
    public record Delta(String type, String text, String partialJson) {
        public static Delta text(String text) {
            return new Delta("text_delta", text, null);
        }

        public static Delta inputJson(String partialJson) {
            return new Delta("input_json_delta", null, partialJson);
        }
    }

    public record BlockDelta(String type, int index, Delta delta) implements Event {
        public BlockDelta(int index, Delta delta) {
            this("content_block_delta", index, delta);
        }
    }

    public record BlockStop(String type, int index) implements Event {
        public BlockStop(int index) {
            this("content_block_stop", index);
        }
    }

    public record StopInfo(String stopReason, String stopSequence) {
    }

    public record MessageDelta(String type, StopInfo delta, AnthropicUsage usage) implements Event {
        public MessageDelta(String stopReason, AnthropicUsage usage) {
            this("message_delta", new StopInfo(stopReason, null), usage);
        }
    }

    public record MessageStop(String type) implements Event {
        public MessageStop() {
            this("message_stop");
        }
    }

    public record Ping(String type) implements Event {
        public Ping() {
            this("ping");
        }
    }
}
