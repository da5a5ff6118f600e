package dev.sovereign.spec.schema;

/** A named member of an object schema. */
public record Field(String name, Schema schema, boolean required) {
}
