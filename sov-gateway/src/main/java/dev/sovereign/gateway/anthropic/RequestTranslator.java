package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.anthropic.AnthropicMessage;
import dev.sovereign.api.anthropic.AnthropicTool;
import dev.sovereign.api.anthropic.ContentBlock;
import dev.sovereign.api.anthropic.MessagesRequest;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an Anthropic messages request into an OpenAI chat completion request: system text
 * becomes a system message, {@code tool_use} blocks become assistant {@code tool_calls},
 * {@code tool_result} blocks become {@code tool} messages, images become data-URL parts.
 */
public final class RequestTranslator {

    private RequestTranslator() {
    }

    public static ObjectNode toChat(MessagesRequest request) {
        ObjectNode chat = WireJson.objectNode();
        chat.put("model", request.model());
        ArrayNode messages = chat.putArray("messages");
        String system = systemText(request.system());
        if (!system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        for (int i = 0; i < request.messages().size(); i++) {
            translate(request.messages().get(i), "messages[" + i + "]", messages);
        }
        chat.put("max_tokens", request.maxTokens());
        if (request.temperature() != null) {
            chat.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            chat.put("top_p", request.topP());
        }
        if (request.stopSequences() != null && !request.stopSequences().isEmpty()) {
            ArrayNode stop = chat.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        if (request.tools() != null && !request.tools().isEmpty()) {
            ArrayNode tools = chat.putArray("tools");
            for (AnthropicTool tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                if (tool.description() != null) {
                    function.put("description", tool.description());
                }
                function.set("parameters", tool.inputSchema() == null ? WireJson.objectNode().put("type", "object") : tool.inputSchema());
            }
        }
        if (request.toolChoice() != null && request.toolChoice().isObject()) {
            chat.set("tool_choice", toolChoice(request.toolChoice()));
        }
        chat.put("stream", request.streaming());
        return chat;
    }

    /** The chat messages as text, for the router's choice of a virtual model. */
    public static List<ChatMessage> textMessages(ObjectNode chat) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : chat.get("messages")) {
            out.add(new ChatMessage(m.get("role").asText(), m.get("content"), null, null,
                    m.has("tool_call_id") ? m.get("tool_call_id").asText() : null, null));
        }
        return out;
    }

    static String systemText(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : system) {
            if (block.hasNonNull("text")) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(block.get("text").asText());
            }
        }
        return text.toString();
    }

    private static void translate(AnthropicMessage message, String path, ArrayNode out) {
        if (message.content().isTextual()) {
            out.addObject().put("role", message.role()).put("content", message.content().asText());
            return;
        }
        if (!message.content().isArray()) {
            throw ApiErrors.invalidField(path + ".content", "expected a string or an array of content blocks");
        }
        ArrayNode parts = WireJson.mapper().createArrayNode();
        ArrayNode toolCalls = WireJson.mapper().createArrayNode();
        StringBuilder assistantText = new StringBuilder();
        int index = 0;
        for (JsonNode node : message.content()) {
            ContentBlock block = RequestReader.bind(node, ContentBlock.class);
            String where = path + ".content[" + index++ + "]";
            switch (block.type() == null ? "" : block.type()) {
                case "text" -> {
                    if ("assistant".equals(message.role())) {
                        assistantText.append(block.text());
                    } else {
                        parts.addObject().put("type", "text").put("text", block.text());
                    }
                }
                case "image" -> parts.addObject().put("type", "image_url").putObject("image_url").put("url", imageUrl(block, where));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject().put("id", block.id()).put("type", "function");
                    call.putObject("function").put("name", block.name())
                            .put("arguments", block.input() == null ? "{}" : block.input().toString());
                }
                case "tool_result" -> out.addObject().put("role", "tool").put("tool_call_id", block.toolUseId())
                        .put("content", toolResultText(block.content()));
                case "thinking", "redacted_thinking" -> {
                    // reasoning of an earlier turn: OpenAI backends take no such input
                }
                default -> throw ApiErrors.invalidField(where + ".type", "unsupported content block type '" + block.type() + "'");
            }
        }
        if ("assistant".equals(message.role())) {
            if (assistantText.isEmpty() && toolCalls.isEmpty()) {
                return;
            }
            ObjectNode assistant = out.addObject().put("role", "assistant");
            if (!assistantText.isEmpty()) {
                assistant.put("content", assistantText.toString());
            } else {
                assistant.putNull("content");
            }
            if (!toolCalls.isEmpty()) {
                assistant.set("tool_calls", toolCalls);
            }
        } else if (!parts.isEmpty()) {
            boolean textOnly = true;
            StringBuilder text = new StringBuilder();
            for (JsonNode part : parts) {
                textOnly &= "text".equals(part.get("type").asText());
                text.append(part.path("text").asText());
            }
            ObjectNode user = out.addObject().put("role", "user");
            if (textOnly) {
                user.put("content", text.toString());
            } else {
                user.set("content", parts);
            }
        }
    }

    private static String imageUrl(ContentBlock block, String where) {
        JsonNode source = block.source();
        if (source == null) {
            throw ApiErrors.missingField(where + ".source");
        }
        if ("url".equals(source.path("type").asText())) {
            return source.path("url").asText();
        }
        return "data:" + source.path("media_type").asText("image/png") + ";base64," + source.path("data").asText();
    }

    private static String toolResultText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            text.append(block.path("text").asText());
        }
        return text.toString();
    }

    private static JsonNode toolChoice(JsonNode choice) {
        return switch (choice.path("type").asText()) {
            case "any" -> WireJson.mapper().getNodeFactory().textNode("required");
            case "none" -> WireJson.mapper().getNodeFactory().textNode("none");
            case "tool" -> {
                ObjectNode named = WireJson.objectNode().put("type", "function");
                named.putObject("function").put("name", choice.path("name").asText());
                yield named;
            }
            default -> WireJson.mapper().getNodeFactory().textNode("auto");
        };
    }
}
