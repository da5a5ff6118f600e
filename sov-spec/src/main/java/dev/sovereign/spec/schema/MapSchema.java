package dev.sovereign.spec.schema;

import java.util.Map;

/** A map from string keys to string values, such as Kubernetes labels. */
public record MapSchema(String description, Map<String, String> defaultValue) implements Schema {

    @Override
    public String typeName() {
        return "a map of strings";
    }
}
