package dev.sovereign.spec.schema;

/**
 * Any YAML value, passed through as it is (Kubernetes' {@code x-kubernetes-preserve-unknown-fields}),
 * for fields whose content belongs to another API, such as container resources or network policy rules.
 */
public record FreeFormSchema(String description, Object defaultValue, boolean objectOnly) implements Schema {

    public FreeFormSchema withDefault(Object value) {
        return new FreeFormSchema(description, value, objectOnly);
    }

    @Override
    public String typeName() {
        return objectOnly ? "an object" : "any value";
    }
}
