package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.openai.Tool;
import dev.sovereign.engine.constraint.Grammar;
import dev.sovereign.engine.constraint.UnsupportedSchemaException;
import dev.sovereign.engine.toolcall.HermesToolCallParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The grammar a request holds its output to: {@code response_format} json_object or json_schema, or a tool call
 * when {@code tool_choice} is required or names a function. Null means free text. Every refusal is a 400 naming the
 * field, down to the schema keyword.
 */
final class StructuredOutput {

    private StructuredOutput() {
    }

    /** response_format: text (null), json_object, or json_schema with {@code json_schema.schema}. */
    static Grammar responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        if (!format.isObject()) {
            throw ApiErrors.invalidField("response_format", "expected an object with a type");
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> Grammar.jsonObject();
            case "json_schema" -> jsonSchema(format.get("json_schema"));
            default -> throw ApiErrors.invalidField("response_format.type", "expected 'text', 'json_object' or 'json_schema', got '"
                    + type + "'");
        };
    }

    private static Grammar jsonSchema(JsonNode wrapper) {
        if (wrapper == null || !wrapper.isObject()) {
            throw ApiErrors.invalidField("response_format.json_schema", "is required with type json_schema: an object with name and schema");
        }
        JsonNode schema = wrapper.get("schema");
        if (schema == null || schema.isNull()) {
            return Grammar.jsonObject();
        }
        try {
            return Grammar.jsonSchema(schema, "response_format.json_schema.schema");
        } catch (UnsupportedSchemaException e) {
            throw ApiErrors.invalidField(e.field(), e.getMessage());
        }
    }

    /**
     * tool_choice required (a call of any offered tool) or function:NAME (the prompt has written that call's head),
     * as {@link ChatPrompt#choiceOf} spells them; null for auto and none.
     */
    static Grammar toolChoice(String choice, List<Tool> tools) {
        String named;
        if ("required".equals(choice)) {
            named = null;
        } else if (choice.startsWith("function:")) {
            named = choice.substring("function:".length());
        } else {
            return null;
        }
        List<Grammar.OfferedTool> offered = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            Tool.Function function = tools.get(i).function();
            offered.add(new Grammar.OfferedTool(function.name(), function.parameters(), "tools[" + i + "].function.parameters"));
        }
        try {
            return Grammar.toolCall(offered, named, HermesToolCallParser.CLOSE);
        } catch (UnsupportedSchemaException e) {
            throw ApiErrors.invalidField(e.field(), e.getMessage());
        }
    }
}
