package dev.sovereign.spec.schema;

/** true or false. */
public record BooleanSchema(String description, Boolean defaultValue) implements Schema {

    public BooleanSchema withDefault(boolean value) {
        return new BooleanSchema(description, value);
    }

    @Override
    public String typeName() {
        return "a boolean (true or false)";
    }
}
