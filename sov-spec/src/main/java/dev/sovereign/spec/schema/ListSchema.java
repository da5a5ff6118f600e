package dev.sovereign.spec.schema;

/** A list whose items all follow one schema, optionally bounded in length. */
public record ListSchema(String description, Schema items, Integer maxItems) implements Schema {

    public ListSchema maxItems(int max) {
        return new ListSchema(description, items, max);
    }

    @Override
    public Object defaultValue() {
        return null;
    }

    @Override
    public String typeName() {
        return "a list";
    }
}
