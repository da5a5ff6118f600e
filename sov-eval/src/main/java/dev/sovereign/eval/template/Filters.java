package dev.sovereign.eval.template;

import com.fasterxml.jackson.databind.JsonNode;

/** The Nunjucks filters suites use; each takes the value so far and returns the next one. */
final class Filters {

    private Filters() {
    }

    static Object apply(String filter, Object value) {
        if (filter.startsWith("default(") && filter.endsWith(")")) {
            String fallback = filter.substring(8, filter.length() - 1).trim().replaceAll("^['\"]|['\"]$", "");
            return value == null ? fallback : value;
        }
        return switch (filter) {
            case "dump" -> value instanceof JsonNode n ? n.toString() : JsValues.JSON.valueToTree(value).toString();
            case "upper" -> JsValues.print(value).toUpperCase(java.util.Locale.ROOT);
            case "lower" -> JsValues.print(value).toLowerCase(java.util.Locale.ROOT);
            case "trim" -> JsValues.print(value).strip();
            case "length" -> value instanceof JsonNode n && n.isContainerNode() ? n.size() : JsValues.print(value).length();
            case "safe" -> value;
            default -> throw new TemplateException("unsupported template filter '" + filter + "'");
        };
    }
}
