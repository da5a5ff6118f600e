package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.eval.template.JsValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * String checks: equals, contains, icontains, contains-any/all, icontains-any/all, starts-with.
 * Semantics follow Promptfoo's handlers, including case folding with {@code toLowerCase} and list
 * values given as a comma-separated string.
 */
final class TextAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TextAssertions() {
    }

    static void register(Map<String, Grader> graders) {
        graders.put("equals", TextAssertions::equalsCheck);
        graders.put("contains", in -> contains(in, false));
        graders.put("icontains", in -> contains(in, true));
        graders.put("contains-any", in -> any(in, false));
        graders.put("icontains-any", in -> any(in, true));
        graders.put("contains-all", in -> all(in, false));
        graders.put("icontains-all", in -> all(in, true));
        graders.put("starts-with", in -> GradingResult.check(in.output().startsWith(in.textValue()),
                "Expected output to " + not(in) + "start with \"" + in.textValue() + "\"", in.spec()));
    }

    private static GradingResult equalsCheck(AssertionInput in) {
        JsonNode value = in.value();
        if (value != null && value.isContainerNode()) {
            boolean equal;
            try {
                equal = value.equals(JSON.readTree(in.output()));
            } catch (Exception e) {
                equal = false;
            }
            return GradingResult.check(equal, "Expected output \"" + in.output() + "\" to " + not(in) + "equal \"" + value + "\"", in.spec());
        }
        String expected = JsValues.print(value);
        if (value == null) {
            expected = "undefined";
        }
        return GradingResult.check(expected.equals(in.output()),
                "Expected output \"" + in.output() + "\" to " + not(in) + "equal \"" + expected + "\"", in.spec());
    }

    private static GradingResult contains(AssertionInput in, boolean fold) {
        String value = in.textValue();
        return GradingResult.check(fold(in.output(), fold).contains(fold(value, fold)),
                "Expected output to " + not(in) + "contain \"" + value + "\"", in.spec());
    }

    private static GradingResult any(AssertionInput in, boolean fold) {
        List<String> values = list(in);
        String output = fold(in.output(), fold);
        boolean found = values.stream().anyMatch(v -> output.contains(fold(v, fold)));
        return GradingResult.check(found, "Expected output to " + not(in) + "contain one of \"" + String.join(", ", values) + "\"", in.spec());
    }

    private static GradingResult all(AssertionInput in, boolean fold) {
        List<String> values = list(in);
        String output = fold(in.output(), fold);
        List<String> missing = values.stream().filter(v -> !output.contains(fold(v, fold))).toList();
        return GradingResult.check(missing.isEmpty(), "Expected output to " + not(in) + "contain all of ["
                + String.join(", ", values) + "]. Missing: [" + String.join(", ", missing) + "]", in.spec());
    }

    private static List<String> list(AssertionInput in) {
        JsonNode value = in.value();
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            throw new IllegalArgumentException("\"" + in.spec().writtenType() + "\" assertion type must have a value");
        }
        if (value.isTextual()) {
            return CommaValues.parse(value.asText());
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("\"" + in.spec().writtenType() + "\" assertion type must have an array value");
        }
        List<String> out = new ArrayList<>();
        value.forEach(v -> out.add(JsValues.print(v)));
        return out;
    }

    private static String fold(String text, boolean fold) {
        return fold ? text.toLowerCase(Locale.ROOT) : text;
    }

    static String not(AssertionInput in) {
        return in.inverse() ? "not " : "";
    }
}
