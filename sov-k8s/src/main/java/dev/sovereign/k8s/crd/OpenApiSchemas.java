package dev.sovereign.k8s.crd;

import static dev.sovereign.k8s.yaml.Tree.map;

import dev.sovereign.k8s.yaml.Tree;

import dev.sovereign.spec.schema.BooleanSchema;
import dev.sovereign.spec.schema.Field;
import dev.sovereign.spec.schema.FreeFormSchema;
import dev.sovereign.spec.schema.IntegerSchema;
import dev.sovereign.spec.schema.ListSchema;
import dev.sovereign.spec.schema.MapSchema;
import dev.sovereign.spec.schema.ObjectSchema;
import dev.sovereign.spec.schema.Schema;
import dev.sovereign.spec.schema.StringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates the spec's field definitions into a Kubernetes structural OpenAPI v3 schema,
 * with the same defaults, bounds, enums and patterns {@code sov validate} applies, so the
 * API server and the CLI accept and reject the same documents.
 */
public final class OpenApiSchemas {

    private OpenApiSchemas() {
    }

    public static Map<String, Object> of(Schema schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (schema.description() != null) {
            out.put("description", schema.description());
        }
        switch (schema) {
            case ObjectSchema object -> object(object, out);
            case StringSchema string -> string(string, out);
            case IntegerSchema integer -> {
                out.put("type", "integer");
                putIfSet(out, "minimum", integer.minimum());
                putIfSet(out, "maximum", integer.maximum());
            }
            case BooleanSchema bool -> out.put("type", "boolean");
            case ListSchema list -> {
                out.put("type", "array");
                putIfSet(out, "maxItems", list.maxItems());
                out.put("items", of(list.items()));
            }
            case MapSchema stringMap -> {
                out.put("type", "object");
                out.put("additionalProperties", map("type", "string"));
            }
            case FreeFormSchema free -> {
                if (free.objectOnly()) {
                    out.put("type", "object");
                }
                out.put("x-kubernetes-preserve-unknown-fields", true);
            }
        }
        // Sorted: defaults built with Map.of iterate in a different order on every JVM run.
        putIfSet(out, "default", Tree.sorted(schema.defaultValue()));
        return out;
    }

    private static void object(ObjectSchema object, Map<String, Object> out) {
        out.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Field field : object.fields().values()) {
            properties.put(field.name(), of(field.schema()));
            if (field.required()) {
                required.add(field.name());
            }
        }
        out.put("properties", properties);
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        if (!object.exactlyOneOf().isEmpty()) {
            String present = object.exactlyOneOf().stream().map(f -> "has(self." + f + ")")
                    .collect(Collectors.joining(", ", "[", "]"));
            out.put("x-kubernetes-validations", List.of(map(
                    "rule", present + ".filter(p, p).size() == 1",
                    "message", "exactly one of " + String.join(", ", object.exactlyOneOf()) + " must be set")));
        }
    }

    private static void string(StringSchema string, Map<String, Object> out) {
        out.put("type", "string");
        putIfSet(out, "maxLength", string.maxLength());
        if (string.pattern() != null) {
            // OpenAPI patterns match anywhere in the value; the spec's Java patterns match the whole value.
            out.put("pattern", "^(?:" + string.pattern().pattern() + ")$");
        }
        if (!string.allowed().isEmpty()) {
            out.put("enum", string.allowed());
        }
    }

    private static void putIfSet(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
