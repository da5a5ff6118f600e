package dev.sovereign.engine.constraint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the JSON Schema subset that vLLM's guided decoding accepts into value shapes: type (one or a list),
 * properties, required, additionalProperties (true or false), items, minItems, maxItems, minLength, maxLength, enum,
 * const, anyOf (alternatives that start with different bytes) and local $ref into $defs/definitions. Any other
 * keyword is refused naming its path: a constraint that silently ignored it would return documents that do not
 * validate.
 */
final class JsonSchemaCompiler {

    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
            "default", "examples", "$defs", "definitions", "deprecated", "readOnly", "writeOnly");
    private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "minItems", "maxItems", "minLength", "maxLength", "enum", "const", "anyOf", "$ref");

    private final JsonNode root;
    private final Set<String> resolving = new HashSet<>();

    private JsonSchemaCompiler(JsonNode root) {
        this.root = root;
    }

    static ValueShape compile(JsonNode schema, String field) {
        return new JsonSchemaCompiler(schema).shape(schema, field);
    }

    private ValueShape shape(JsonNode schema, String field) {
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                throw new UnsupportedSchemaException(field, "the schema false admits no value");
            }
            return ValueShape.Any.INSTANCE;
        }
        if (!schema.isObject()) {
            throw new UnsupportedSchemaException(field, "a schema must be an object or a boolean");
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!SUPPORTED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new UnsupportedSchemaException(field + "." + keyword, "'" + keyword
                        + "' is not supported by constrained decoding (supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()) + ")");
            }
        }
        if (schema.has("$ref")) {
            return reference(schema, field);
        }
        if (schema.has("const")) {
            return ValueShape.Literals.of(List.of(text(schema.get("const"))));
        }
        if (schema.has("enum")) {
            return literals(schema.get("enum"), field + ".enum");
        }
        if (schema.has("anyOf")) {
            return anyOf(schema.get("anyOf"), field + ".anyOf");
        }
        List<String> types = types(schema, field);
        List<ValueShape> shapes = new ArrayList<>();
        for (String type : types) {
            shapes.add(typed(type, schema, field));
        }
        return union(shapes, field + ".type");
    }

    private List<String> types(JsonNode schema, String field) {
        JsonNode type = schema.get("type");
        if (type == null) {
            if (schema.has("properties") || schema.has("required") || schema.has("additionalProperties")) {
                return List.of("object");
            }
            if (schema.has("items") || schema.has("minItems") || schema.has("maxItems")) {
                return List.of("array");
            }
            if (schema.has("minLength") || schema.has("maxLength")) {
                return List.of("string");
            }
            return List.of("any");
        }
        List<String> out = new ArrayList<>();
        if (type.isTextual()) {
            out.add(type.asText());
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(t -> out.add(t.asText()));
        } else {
            throw new UnsupportedSchemaException(field + ".type", "must be a type name or a non-empty list of them");
        }
        if (out.contains("integer") && out.contains("number")) {
            out.remove("integer");
        }
        return out;
    }

    private ValueShape typed(String type, JsonNode schema, String field) {
        return switch (type) {
            case "any" -> ValueShape.Any.INSTANCE;
            case "object" -> object(schema, field);
            case "array" -> new ValueShape.ArrayShape(schema.has("items") ? shape(schema.get("items"), field + ".items")
                    : ValueShape.Any.INSTANCE, count(schema, "minItems", 0, field), bound(schema, "maxItems", "minItems", field));
            case "string" -> new ValueShape.StringShape(count(schema, "minLength", 0, field),
                    bound(schema, "maxLength", "minLength", field));
            case "integer" -> ValueShape.NumberShape.INTEGER;
            case "number" -> ValueShape.NumberShape.NUMBER;
            case "boolean" -> ValueShape.Literals.BOOLEAN;
            case "null" -> ValueShape.Literals.NULL;
            default -> throw new UnsupportedSchemaException(field + ".type", "unknown type '" + type + "'");
        };
    }

    private ValueShape object(JsonNode schema, String field) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            if (!(additional.isObject() && additional.isEmpty())) {
                throw new UnsupportedSchemaException(field + ".additionalProperties",
                        "only true or false is supported by constrained decoding, not a schema");
            }
        }
        boolean closed = additional != null && additional.isBoolean() && !additional.asBoolean();
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
            throw new UnsupportedSchemaException(field + ".properties", "must be an object of schemas");
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = schema.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw new UnsupportedSchemaException(field + ".required", "must be a list of property names");
            }
            req.forEach(r -> required.add(r.asText()));
        }
        List<String> names = new ArrayList<>();
        List<ValueShape> values = new ArrayList<>();
        if (properties != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> property = it.next();
                names.add(property.getKey());
                values.add(shape(property.getValue(), field + ".properties." + property.getKey()));
            }
        }
        for (String name : required) {
            if (!names.contains(name)) {
                throw new UnsupportedSchemaException(field + ".required", "names '" + name
                        + "', which is not in properties: constrained decoding writes only declared properties");
            }
        }
        boolean[] isRequired = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            isRequired[i] = required.contains(names.get(i));
        }
        // without properties an object is free unless closed; with them only the declared ones are written
        return new ValueShape.ObjectShape(names, values, isRequired, names.isEmpty() && !closed);
    }

    private ValueShape reference(JsonNode schema, String field) {
        String ref = schema.get("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new UnsupportedSchemaException(field + ".$ref", "only local references (#/$defs/...) are supported");
        }
        if (!resolving.add(ref)) {
            throw new UnsupportedSchemaException(field + ".$ref", "'" + ref + "' refers to itself: recursive schemas are not supported");
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new UnsupportedSchemaException(field + ".$ref", "'" + ref + "' names nothing in the schema");
        }
        try {
            return shape(target, field + ".$ref");
        } finally {
            resolving.remove(ref);
        }
    }

    private ValueShape literals(JsonNode values, String field) {
        if (!values.isArray() || values.isEmpty()) {
            throw new UnsupportedSchemaException(field, "must be a non-empty list");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(text(v)));
        return ValueShape.Literals.of(texts);
    }

    private ValueShape anyOf(JsonNode alternatives, String field) {
        if (!alternatives.isArray() || alternatives.isEmpty()) {
            throw new UnsupportedSchemaException(field, "must be a non-empty list of schemas");
        }
        List<ValueShape> shapes = new ArrayList<>();
        for (int i = 0; i < alternatives.size(); i++) {
            shapes.add(shape(alternatives.get(i), field + "[" + i + "]"));
        }
        return union(shapes, field);
    }

    /** Alternatives must begin with different bytes, so the first byte of the value picks one. */
    private static ValueShape union(List<ValueShape> shapes, String field) {
        if (shapes.size() == 1) {
            return shapes.getFirst();
        }
        boolean[] taken = new boolean[256];
        for (ValueShape shape : shapes) {
            for (int b = 0; b < 256; b++) {
                if (ValueFrame.begin(shape, b).kind() != Move.Kind.REJECT) {
                    if (taken[b]) {
                        throw new UnsupportedSchemaException(field, "alternatives that can begin with the same character ('"
                                + (char) b + "') are not supported by constrained decoding");
                    }
                    taken[b] = true;
                }
            }
        }
        return new ValueShape.Union(shapes);
    }

    /** An upper bound (-1 when absent), refused when it is below its lower bound: no value could satisfy both. */
    private static int bound(JsonNode schema, String keyword, String lowerKeyword, String field) {
        int upper = count(schema, keyword, -1, field);
        if (upper >= 0 && upper < count(schema, lowerKeyword, 0, field)) {
            throw new UnsupportedSchemaException(field + "." + keyword, "is below " + lowerKeyword + ": no value can satisfy both");
        }
        return upper;
    }

    private static int count(JsonNode schema, String keyword, int absent, String field) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return absent;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw new UnsupportedSchemaException(field + "." + keyword, "must be a non-negative integer");
        }
        return value.asInt();
    }

    private static String text(JsonNode value) {
        try {
            return JsonTexts.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
