package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.provider.ProviderResponse.TokenUsage;
import org.mozilla.javascript.RhinoException;

/**
 * {@code javascript}: inline code (an expression, or a function body when it spans several lines)
 * called with {@code output} and {@code context} ({@code vars}, {@code prompt}, {@code test}); it
 * returns a boolean, a score (passes above 0, or at the threshold), or a GradingResult object.
 * Errors and time-outs fail the assertion with the error as reason, as in Promptfoo.
 */
final class JavascriptAssertion implements Grader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsSandbox sandbox;

    JavascriptAssertion(long limitMs) {
        this.sandbox = new JsSandbox(limitMs);
    }

    @Override
    public GradingResult grade(AssertionInput in) throws Exception {
        if (in.value() == null || !in.value().isTextual()) {
            throw new IllegalArgumentException("javascript assertion must have a string value");
        }
        String code = stripEnd(in.value().asText());
        if (code.startsWith("file://")) {
            throw new IllegalArgumentException("javascript assertion: file:// scripts are not supported, write the code inline");
        }
        String body = code.contains("\n") ? code : FunctionBody.of(code);
        JsSandbox.Value result;
        try {
            result = sandbox.call(new String[] {"output", "context"}, body, new String[] {outputJson(in), context(in).toString()});
        } catch (RhinoException | JsSandbox.TimeLimitExceeded e) {
            return new GradingResult(false, 0, "Custom function threw error: " + e.getMessage() + "\n" + code, in.spec(), TokenUsage.NONE);
        }
        return normalize(in, result, code);
    }

    private static GradingResult normalize(AssertionInput in, JsSandbox.Value result, String code) throws Exception {
        boolean inverse = in.inverse();
        if (result.plain() instanceof Boolean b) {
            boolean pass = b != inverse;
            return new GradingResult(pass, pass ? 1 : 0, pass ? "Assertion passed" : "Custom function returned " + b + "\n" + code, in.spec(), TokenUsage.NONE);
        }
        if (result.plain() instanceof Double score) {
            boolean raw = in.spec().threshold() == null ? score > 0 : score >= in.spec().threshold();
            boolean pass = raw != inverse;
            return new GradingResult(pass, score, pass ? "Assertion passed" : "Custom function returned " + raw + "\n" + code, in.spec(), TokenUsage.NONE);
        }
        if (result.isObject()) {
            JsonNode object = JSON.readTree(result.json());
            if (object.has("pass")) {
                boolean raw = object.get("pass").asBoolean();
                boolean pass = raw != inverse;
                double score = object.path("score").asDouble(pass ? 1 : 0);
                String reason = pass == raw ? object.path("reason").asText("") : pass ? "Assertion passed" : "Custom function returned " + raw;
                return new GradingResult(pass, score, reason, in.spec(), TokenUsage.NONE);
            }
        }
        return new GradingResult(false, 0, "Custom function threw error: Custom function must return a boolean, number, or GradingResult object. Got type "
                + (result.plain() == null ? "undefined" : "string") + "\n" + code, in.spec(), TokenUsage.NONE);
    }

    private static String outputJson(AssertionInput in) {
        JsonNode output = in.response().output();
        return output == null ? "null" : output.toString();
    }

    private static ObjectNode context(AssertionInput in) {
        ObjectNode context = JSON.createObjectNode();
        context.put("prompt", in.prompt());
        context.set("vars", in.test().vars());
        context.set("test", in.test().raw());
        return context;
    }

    private static String stripEnd(String text) {
        return text.stripTrailing();
    }

    /** One-line code becomes {@code return <expression>}; leading declarations keep their statements. */
    static final class FunctionBody {
        private FunctionBody() {
        }

        static String of(String code) {
            String trimmed = code.strip().replaceAll(";+\\s*$", "");
            if (trimmed.matches("^(const|let|var)\\s[\\s\\S]*")) {
                int last = lastStatementSemicolon(trimmed);
                if (last != -1) {
                    String expression = trimmed.substring(last + 1).strip();
                    if (!expression.isEmpty()) {
                        return trimmed.substring(0, last + 1) + " return " + expression;
                    }
                }
                return trimmed;
            }
            return "return " + trimmed;
        }

        /** The last {@code ;} outside strings, template literals and brackets. */
        private static int lastStatementSemicolon(String code) {
            int depth = 0;
            char quote = 0;
            int last = -1;
            for (int i = 0; i < code.length(); i++) {
                char c = code.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'' || c == '`') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (c == ';' && depth == 0) {
                    last = i;
                }
            }
            return last;
        }
    }
}
