package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.eval.config.YamlFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code is-json} (the whole output parses, optionally against a JSON Schema in the value) and
 * {@code contains-json} (some {@code {...}} inside the output parses, Promptfoo's brace scan).
 */
final class JsonAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAssertions() {
    }

    static void register(Map<String, Grader> graders) {
        graders.put("is-json", JsonAssertions::isJson);
        graders.put("contains-json", JsonAssertions::containsJson);
    }

    private static GradingResult isJson(AssertionInput in) throws Exception {
        JsonNode parsed;
        try {
            parsed = strictParse(in.output());
        } catch (Exception e) {
            parsed = null;
        }
        JsonNode schema = schema(in);
        if (parsed != null && schema != null) {
            String errors = JsonSchemas.errors(schema, parsed);
            boolean pass = (errors == null) != in.inverse();
            if (!pass) {
                return new GradingResult(false, 0, in.inverse() ? "Output is JSON that conforms to the provided schema"
                        : "JSON does not conform to the provided schema. Errors: " + errors, in.spec(), none());
            }
            return GradingResult.of(true, "", in.spec());
        }
        return GradingResult.check(parsed != null, "Expected output to be valid JSON", in.spec());
    }

    private static GradingResult containsJson(AssertionInput in) throws Exception {
        List<JsonNode> objects = extract(in.output());
        boolean pass = in.inverse() ? objects.isEmpty() : !objects.isEmpty();
        String reason = "Expected output to contain valid JSON";
        JsonNode schema = schema(in);
        for (JsonNode object : objects) {
            if (schema == null) {
                continue;
            }
            String errors = JsonSchemas.errors(schema, object);
            pass = (errors == null) != in.inverse();
            if (errors == null) {
                if (in.inverse()) {
                    reason = "Output contains JSON conforming to the provided schema";
                }
                break;
            }
            reason = "JSON does not conform to the provided schema. Errors: " + errors;
        }
        return GradingResult.of(pass, reason, in.spec());
    }

    /** The schema from the value: a mapping as written, or YAML/JSON text. */
    private static JsonNode schema(AssertionInput in) throws Exception {
        JsonNode value = in.value();
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (value.isObject()) {
            return value;
        }
        if (value.isTextual()) {
            return YamlFiles.parse(value.asText());
        }
        throw new IllegalArgumentException(in.spec().writtenType() + " assertion must have a string or object value");
    }

    /** {@code JSON.parse}: one value, nothing after it. */
    static JsonNode strictParse(String text) throws Exception {
        try (var parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || parser.nextToken() != null) {
                throw new IllegalArgumentException("not a single JSON value");
            }
            return node;
        }
    }

    /**
     * Every {@code {...}} block that parses, scanning left to right: brace counting from each
     * {@code {}, unbalanced blocks closed at the end of the text, lenient (YAML) parsing, as Promptfoo does.
     */
    static List<JsonNode> extract(String text) {
        List<JsonNode> found = new ArrayList<>();
        int max = 100_000;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '{') {
                continue;
            }
            int open = 1;
            int close = 0;
            int j = i + 1;
            int end = Math.min(i + max, text.length());
            while (j < end && open > close) {
                char c = text.charAt(j);
                if (c == '{') {
                    open++;
                }
                if (c == '}') {
                    close++;
                }
                j++;
                if (open == close || j == text.length() || j == i + max) {
                    String candidate = text.substring(i, j) + "}".repeat(Math.max(0, open - close));
                    JsonNode parsed = lenient(candidate);
                    if (parsed != null && parsed.isContainerNode()) {
                        found.add(parsed);
                        i = j - 1;
                        break;
                    }
                    if (open == close) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static JsonNode lenient(String candidate) {
        try {
            return YamlFiles.parse(candidate.replaceAll("(?m)^(\\s*)//", "$1#"));
        } catch (Exception e) {
            return null;
        }
    }

    private static dev.sovereign.eval.provider.ProviderResponse.TokenUsage none() {
        return dev.sovereign.eval.provider.ProviderResponse.TokenUsage.NONE;
    }
}
