package dev.sovereign.engine.toolcall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;

/** The functions a request offered, by name, with their parameters' JSON Schemas: only these become calls. */
public record OfferedTools(Map<String, JsonNode> parameters) {

    public OfferedTools {
        parameters = Map.copyOf(parameters);
    }

    public boolean offers(String name) {
        return name != null && parameters.containsKey(name);
    }

    /** The declared JSON Schema type of one parameter, or "" when the schema does not say. */
    public String typeOf(String function, String parameter) {
        JsonNode schema = parameters.getOrDefault(function, MissingNode.getInstance());
        JsonNode type = schema.path("properties").path(parameter).path("type");
        if (type.isArray() && !type.isEmpty()) {
            // ["integer", "null"]: the first non-null type decides
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return type.isTextual() ? type.asText() : "";
    }
}
