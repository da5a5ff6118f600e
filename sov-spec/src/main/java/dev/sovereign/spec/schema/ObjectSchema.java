package dev.sovereign.spec.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object with a fixed set of fields; anything else is an error. {@link #exactlyOneOf}
 * declares fields of which exactly one must be present (e.g. a secret from env, file or value).
 */
public final class ObjectSchema implements Schema {

    private final String description;
    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<String> exactlyOneOf = new ArrayList<>();
    private Map<String, Object> defaultValue;

    private ObjectSchema(String description) {
        this.description = description;
    }

    public static ObjectSchema object(String description) {
        return new ObjectSchema(description);
    }

    public ObjectSchema field(String name, Schema schema) {
        fields.put(name, new Field(name, schema, false));
        return this;
    }

    public ObjectSchema required(String name, Schema schema) {
        fields.put(name, new Field(name, schema, true));
        return this;
    }

    public ObjectSchema exactlyOneOf(String... names) {
        exactlyOneOf.addAll(List.of(names));
        return this;
    }

    /**
     * Makes the object present even when the file omits it, so its fields' defaults apply
     * (e.g. an absent {@code scaling:} still means minReplicas 1, maxReplicas 3).
     */
    public ObjectSchema presentByDefault() {
        this.defaultValue = Map.of();
        return this;
    }

    public Map<String, Field> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public List<String> exactlyOneOf() {
        return Collections.unmodifiableList(exactlyOneOf);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<String, Object> defaultValue() {
        return defaultValue;
    }

    @Override
    public String typeName() {
        return "an object";
    }
}
