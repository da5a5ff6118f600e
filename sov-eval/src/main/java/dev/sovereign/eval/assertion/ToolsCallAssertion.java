package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code is-valid-openai-tools-call}: the output is a non-empty list of tool calls, each naming a
 * function from the provider's {@code tools} config with arguments valid against its parameter
 * schema. Unlike Promptfoo 0.121 (which ignores the {@code not-} prefix for this type), the
 * negated form is honoured.
 */
final class ToolsCallAssertion implements Grader {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public GradingResult grade(AssertionInput in) {
        String problem = problem(in);
        return GradingResult.check(problem == null, problem, in.spec());
    }

    private static String problem(AssertionInput in) {
        JsonNode calls = in.response().output();
        if (calls != null && calls.isObject() && calls.has("tool_calls")) {
            calls = calls.get("tool_calls");
        }
        if (calls == null || !calls.isArray() || calls.isEmpty() || !allLookLikeCalls(calls)) {
            return "OpenAI did not return a valid-looking tools response: " + (calls == null ? "undefined" : calls);
        }
        JsonNode tools = in.provider().config().get("tools");
        if (tools == null || !tools.isArray()) {
            return "No tools configured in provider, but output contains tool calls";
        }
        for (JsonNode call : calls) {
            String name = call.path("function").path("name").asText();
            JsonNode schema = null;
            for (JsonNode tool : tools) {
                if ("function".equals(tool.path("type").asText()) && name.equals(tool.path("function").path("name").asText())) {
                    schema = tool.path("function").get("parameters");
                }
            }
            if (schema == null) {
                return "Called \"" + name + "\", but there is no function with that name";
            }
            JsonNode args;
            try {
                args = JSON.readTree(call.path("function").path("arguments").asText());
            } catch (Exception e) {
                return "Call to \"" + name + "\" has arguments that are not JSON";
            }
            String errors = JsonSchemas.errors(schema, args);
            if (errors != null) {
                return "Call to \"" + name + "\" does not match schema: " + errors;
            }
        }
        return null;
    }

    private static boolean allLookLikeCalls(JsonNode calls) {
        for (JsonNode call : calls) {
            if (!call.path("function").path("name").isTextual() || !call.path("function").path("arguments").isTextual()) {
                return false;
            }
        }
        return true;
    }
}
