package dev.sovereign.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Prints values the way JavaScript's {@code String(value)} does, which is what Nunjucks and Promptfoo print. */
public final class JsValues {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsValues() {
    }

    public static String print(Object value) {
        if (value == null) {
            return "";
        }
        if (!(value instanceof JsonNode node)) {
            return value.toString();
        }
        if (node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(print(item)));
            return String.join(",", items);
        }
        if (node.isObject()) {
            return "[object Object]";
        }
        return node.asText();
    }

    /** JavaScript prints integral numbers without a fraction: 3, not 3.0. */
    public static String number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }
}
