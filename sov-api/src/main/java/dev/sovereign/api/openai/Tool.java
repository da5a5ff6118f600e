package dev.sovereign.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.Require;

/** A tool the model may call: {@code {"type":"function","function":{name, description, parameters}}}. */
public record Tool(String type, Function function) {

    public Tool {
        Require.present(function, "function");
    }

    public record Function(String name, String description, JsonNode parameters) {
        public Function {
            Require.nonBlank(name, "name");
        }
    }

    public static Tool function(String name, String description, JsonNode parameters) {
        return new Tool("function", new Function(name, description, parameters));
    }
}
