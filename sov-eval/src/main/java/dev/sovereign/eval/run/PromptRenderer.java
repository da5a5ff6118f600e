package dev.sovereign.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.template.Template;
import java.io.IOException;
import java.util.Map;

/**
 * Renders a prompt for one test as Promptfoo does: vars may use other vars ({@code {{ a }}} inside
 * b), and a prompt that is JSON (chat messages) has its strings rendered one by one, so a var
 * holding quotes or newlines cannot break the JSON.
 */
final class PromptRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptRenderer() {
    }

    static String render(String raw, ObjectNode vars) {
        ObjectNode resolved = vars.deepCopy();
        for (Map.Entry<String, JsonNode> e : vars.properties()) {
            if (e.getValue().isTextual() && e.getValue().asText().contains("{{")) {
                resolved.put(e.getKey(), Template.render(e.getValue().asText(), vars));
            }
        }
        JsonNode json = parseJson(raw);
        if (json != null && json.isContainerNode()) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(renderStrings(json, resolved));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Template.render(raw, resolved);
    }

    private static JsonNode renderStrings(JsonNode node, ObjectNode vars) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(Template.render(node.asText(), vars));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode out = object.objectNode();
            object.properties().forEach(e -> out.set(e.getKey(), renderStrings(e.getValue(), vars)));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = array.arrayNode();
            array.forEach(item -> out.add(renderStrings(item, vars)));
            return out;
        }
        return node;
    }

    private static JsonNode parseJson(String raw) {
        String trimmed = raw.strip();
        if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (IOException e) {
            return null;
        }
    }
}
