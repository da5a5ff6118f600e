package dev.sovereign.spec.schema;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a schema as a Markdown table, one row per field path, so the docs come from the definition. */
public final class SchemaMarkdown {

    private SchemaMarkdown() {
    }

    public static String table(ObjectSchema schema, String rootPath) {
        StringBuilder out = new StringBuilder("| field | type | default | rules | meaning |\n|---|---|---|---|---|\n");
        rows(schema, rootPath, out);
        return out.toString();
    }

    private static void rows(ObjectSchema object, String path, StringBuilder out) {
        for (Field field : object.fields().values()) {
            String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
            Schema schema = field.schema();
            out.append("| `").append(fieldPath).append("` | ").append(type(schema)).append(" | ")
                    .append(defaultOf(schema)).append(" | ").append(rules(field)).append(" | ")
                    .append(schema.description().replace("|", "\\|")).append(" |\n");
            if (schema instanceof ObjectSchema child) {
                rows(child, fieldPath, out);
            } else if (schema instanceof ListSchema list && list.items() instanceof ObjectSchema item) {
                rows(item, fieldPath + "[]", out);
            }
        }
    }

    private static String type(Schema schema) {
        return switch (schema) {
            case ObjectSchema o -> "object";
            case StringSchema s -> s.allowed().isEmpty() ? "string" : "enum";
            case IntegerSchema i -> "integer";
            case BooleanSchema b -> "boolean";
            case ListSchema l -> "list of " + type(l.items());
            case MapSchema m -> "map of strings";
            case FreeFormSchema f -> f.objectOnly() ? "object (free-form)" : "any";
        };
    }

    private static String defaultOf(Schema schema) {
        if (schema instanceof ObjectSchema) {
            return "";
        }
        Object value = schema.defaultValue();
        return value == null ? "" : "`" + render(value) + "`";
    }

    private static String render(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + render(e.getValue()))
                    .sorted().collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SchemaMarkdown::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    private static String rules(Field field) {
        StringBuilder out = new StringBuilder(field.required() ? "required" : "");
        switch (field.schema()) {
            case StringSchema s -> {
                if (!s.allowed().isEmpty()) {
                    append(out, "one of " + String.join(", ", s.allowed()));
                }
                if (s.maxLength() != null) {
                    append(out, "≤ " + s.maxLength() + " chars");
                }
                if (s.patternHint() != null) {
                    append(out, s.patternHint());
                }
            }
            case IntegerSchema i -> {
                if (i.minimum() != null) {
                    append(out, "≥ " + i.minimum());
                }
                if (i.maximum() != null) {
                    append(out, "≤ " + i.maximum());
                }
            }
            case ListSchema l -> {
                if (l.maxItems() != null) {
                    append(out, "≤ " + l.maxItems() + " items");
                }
            }
            case ObjectSchema o -> {
                if (!o.exactlyOneOf().isEmpty()) {
                    append(out, "exactly one of " + String.join(", ", o.exactlyOneOf()));
                }
            }
            default -> { }
        }
        return out.toString().replace("|", "\\|");
    }

    private static void append(StringBuilder out, String rule) {
        out.append(out.isEmpty() ? "" : "; ").append(rule);
    }
}
