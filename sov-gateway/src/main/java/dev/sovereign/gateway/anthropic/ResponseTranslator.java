package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.anthropic.AnthropicUsage;
import dev.sovereign.api.anthropic.ContentBlock;
import dev.sovereign.api.anthropic.MessagesResponse;
import dev.sovereign.api.json.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns an OpenAI chat completion into an Anthropic message. */
public final class ResponseTranslator {

    private ResponseTranslator() {
    }

    public static MessagesResponse toMessage(JsonNode completion, String requestedModel) {
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ContentBlock> content = new ArrayList<>();
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            content.add(ContentBlock.text(text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            content.add(ContentBlock.toolUse(call.path("id").asText(), call.path("function").path("name").asText(),
                    arguments(call.path("function").path("arguments").asText("{}"))));
        }
        String model = completion.path("model").asText(requestedModel);
        return MessagesResponse.of(messageId(completion.path("id").asText("")), model, content,
                stopReason(choice.path("finish_reason").asText(null)), usage(completion.path("usage")));
    }

    static String messageId(String upstreamId) {
        return "msg_" + (upstreamId.isEmpty() ? Long.toHexString(System.nanoTime()) : upstreamId.replaceFirst("^chatcmpl-", ""));
    }

    static AnthropicUsage usage(JsonNode usage) {
        int prompt = usage.path("prompt_tokens").asInt(0);
        int cached = usage.path("prompt_tokens_details").path("cached_tokens").asInt(0);
        return new AnthropicUsage(prompt - cached, usage.path("completion_tokens").asInt(0), cached);
    }

    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "stop" -> "end_turn";
            default -> "end_turn";
        };
    }

    /** Tool arguments as JSON; a model that wrote broken JSON gets it back as a string field. */
    static JsonNode arguments(String json) {
        try {
            JsonNode node = WireJson.mapper().readTree(json.isBlank() ? "{}" : json);
            return node.isObject() ? node : WireJson.objectNode().set("value", node);
        } catch (IOException e) {
            return WireJson.objectNode().put("_unparsed_arguments", json);
        }
    }
}
