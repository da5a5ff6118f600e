package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ChatMessage;
import dev.sovereign.api.openai.Tool;
import dev.sovereign.api.openai.ToolCall;
import dev.sovereign.engine.template.ChatTemplate;
import dev.sovereign.engine.template.ChatTemplateException;
import dev.sovereign.engine.toolcall.HermesToolCallParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a chat request with the model's own template, tools included. {@code tool_choice} none drops the tools;
 * required and a named function open the tool call in the prompt itself (the named one with its name written), so
 * the model can only answer with a call.
 */
final class ChatPrompt {

    record Rendered(String text, boolean insideCall, String forcedPrefix) {
    }

    private ChatPrompt() {
    }

    static Rendered render(ChatTemplate template, List<ChatMessage> messages, List<Tool> tools, JsonNode toolChoice) {
        return render(template, messages, tools, toolChoice, Map.of());
    }

    /** @param templateKwargs the request's {@code chat_template_kwargs}: further template variables */
    static Rendered render(ChatTemplate template, List<ChatMessage> messages, List<Tool> tools, JsonNode toolChoice,
            Map<String, Object> templateKwargs) {
        String choice = choiceOf(toolChoice, tools);
        List<Map<String, Object>> toolMaps = new ArrayList<>();
        if (tools != null && !"none".equals(choice)) {
            for (Tool tool : tools) {
                toolMaps.add(asMap(tool));
            }
        }
        String text;
        try {
            text = template.render(messageMaps(messages), toolMaps, true, templateKwargs);
        } catch (ChatTemplateException e) {
            throw ApiErrors.invalidField("messages", "the model's chat template cannot render them: " + e.getMessage());
        }
        if ("required".equals(choice)) {
            return new Rendered(text + HermesToolCallParser.OPEN + "\n", true, "");
        }
        if (choice.startsWith("function:")) {
            String prefix = "{\"name\": " + WireJson.mapper().valueToTree(choice.substring(9)) + ", \"arguments\": ";
            return new Rendered(text + HermesToolCallParser.OPEN + "\n" + prefix, true, prefix);
        }
        return new Rendered(text, false, "");
    }

    /** auto, none, required or function:NAME; anything else is a 400 naming tool_choice. */
    static String choiceOf(JsonNode toolChoice, List<Tool> tools) {
        boolean hasTools = tools != null && !tools.isEmpty();
        if (toolChoice == null || toolChoice.isNull()) {
            return hasTools ? "auto" : "none";
        }
        String choice;
        if (toolChoice.isTextual() && List.of("auto", "none", "required").contains(toolChoice.asText())) {
            choice = toolChoice.asText();
        } else if (toolChoice.isObject() && toolChoice.path("function").path("name").isTextual()) {
            String name = toolChoice.path("function").path("name").asText();
            if (!hasTools || tools.stream().noneMatch(t -> t.function().name().equals(name))) {
                throw ApiErrors.invalidField("tool_choice", "names function '" + name + "', which is not in tools");
            }
            choice = "function:" + name;
        } else {
            throw ApiErrors.invalidField("tool_choice", "expected 'auto', 'none', 'required' or {\"type\": \"function\", \"function\": {\"name\": ...}}");
        }
        if (!hasTools && !"none".equals(choice)) {
            throw ApiErrors.invalidField("tool_choice", "'" + choice + "' needs a non-empty tools list");
        }
        return choice;
    }

    private static List<Map<String, Object>> messageMaps(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.text());
            if (m.name() != null) {
                map.put("name", m.name());
            }
            if (m.toolCallId() != null) {
                map.put("tool_call_id", m.toolCallId());
            }
            if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
                List<Map<String, Object>> calls = new ArrayList<>();
                for (ToolCall call : m.toolCalls()) {
                    Map<String, Object> function = new LinkedHashMap<>();
                    function.put("name", call.function() == null ? "" : call.function().name());
                    function.put("arguments", arguments(call.function() == null ? null : call.function().arguments()));
                    calls.add(Map.of("type", "function", "id", call.id() == null ? "" : call.id(), "function", function));
                }
                map.put("tool_calls", calls);
            }
            out.add(map);
        }
        return out;
    }

    /** Templates expect arguments as a mapping (Hugging Face convention); OpenAI sends a JSON string. */
    private static Object arguments(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return WireJson.mapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            return json;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Tool tool) {
        return WireJson.mapper().convertValue(tool, Map.class);
    }
}
