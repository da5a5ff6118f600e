package dev.sovereign.spec.schema;

/** A whole number with optional inclusive bounds. */
public record IntegerSchema(String description, Long defaultValue, Long minimum, Long maximum) implements Schema {

    public IntegerSchema withDefault(long value) {
        return new IntegerSchema(description, value, minimum, maximum);
    }

    public IntegerSchema min(long value) {
        return new IntegerSchema(description, defaultValue, value, maximum);
    }

    public IntegerSchema range(long min, long max) {
        return new IntegerSchema(description, defaultValue, min, max);
    }

    @Override
    public String typeName() {
        return "an integer";
    }
}
