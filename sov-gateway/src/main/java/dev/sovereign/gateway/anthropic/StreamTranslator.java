package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.anthropic.AnthropicUsage;
import dev.sovereign.api.anthropic.ContentBlock;
import dev.sovereign.api.anthropic.MessagesResponse;
import dev.sovereign.api.anthropic.StreamEvents;
import dev.sovereign.api.sse.SseWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OpenAI chat chunks into the Anthropic event sequence as they arrive: text deltas into a
 * text block, each tool call into its own {@code tool_use} block with {@code input_json_delta}
 * fragments, and the finish reason and usage into {@code message_delta} at the end.
 */
final class StreamTranslator {

    private final SseWriter out;
    private final String requestedModel;
    private boolean started;
    private int openBlock = -1;
    private int nextBlock;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private String stopReason;
    private AnthropicUsage usage = new AnthropicUsage(0, 0, 0);

    StreamTranslator(SseWriter out, String requestedModel) {
        this.out = out;
        this.requestedModel = requestedModel;
    }

    void chunk(JsonNode chunk) throws IOException {
        start(chunk);
        if (chunk.path("usage").isObject()) {
            usage = ResponseTranslator.usage(chunk.get("usage"));
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            String text = delta.path("content").asText("");
            if (!text.isEmpty()) {
                if (openBlock < 0 || toolBlocks.containsValue(openBlock)) {
                    open(new StreamEvents.BlockStart(nextBlock, ContentBlock.text("")));
                }
                send(new StreamEvents.BlockDelta(openBlock, StreamEvents.Delta.text(text)));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(0);
                Integer block = toolBlocks.get(index);
                if (block == null) {
                    block = nextBlock;
                    toolBlocks.put(index, block);
                    open(new StreamEvents.BlockStart(block, ContentBlock.toolUse(call.path("id").asText("toolu_" + index),
                            call.path("function").path("name").asText(), null)));
                }
                String fragment = call.path("function").path("arguments").asText("");
                if (!fragment.isEmpty() && block == openBlock) {
                    send(new StreamEvents.BlockDelta(block, StreamEvents.Delta.inputJson(fragment)));
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason = ResponseTranslator.stopReason(choice.get("finish_reason").asText());
            }
        }
    }

    void finish() throws IOException {
        start(null);
        closeOpenBlock();
        send(new StreamEvents.MessageDelta(stopReason == null ? "end_turn" : stopReason,
                new AnthropicUsage(null, usage.outputTokens(), null)));
        send(new StreamEvents.MessageStop());
    }

    private void start(JsonNode first) throws IOException {
        if (started) {
            return;
        }
        started = true;
        String id = first == null ? "" : first.path("id").asText("");
        String model = first == null ? requestedModel : first.path("model").asText(requestedModel);
        send(new StreamEvents.MessageStart(MessagesResponse.of(ResponseTranslator.messageId(id), model, List.of(), null,
                new AnthropicUsage(0, 0, null))));
    }

    private void open(StreamEvents.BlockStart start) throws IOException {
        closeOpenBlock();
        openBlock = start.index();
        nextBlock = openBlock + 1;
        send(start);
    }

    private void closeOpenBlock() throws IOException {
        if (openBlock >= 0) {
            send(new StreamEvents.BlockStop(openBlock));
            openBlock = -1;
        }
    }

    private void send(StreamEvents.Event event) throws IOException {
        out.sendJson(event.type(), event);
    }
}
