package dev.sovereign.spec.schema;

import java.util.List;

/**
 * The type of one field of a declarative file, with its constraints and documentation.
 * One definition serves validation ({@code sov validate}), defaulting, the Kubernetes
 * CRD's OpenAPI schema and the reference docs, so they cannot drift apart.
 */
public sealed interface Schema
        permits ObjectSchema, StringSchema, IntegerSchema, BooleanSchema, ListSchema, MapSchema, FreeFormSchema {

    /** Human description, used in docs and in the generated CRD. */
    String description();

    /** The value used when the field is absent, already in plain form (String, Long, Boolean, Map, List), or null. */
    Object defaultValue();

    /** Name of the type in error messages: "an integer", "a list"... */
    String typeName();

    static StringSchema string(String description) {
        return new StringSchema(description, null, null, null, null, List.of());
    }

    static IntegerSchema integer(String description) {
        return new IntegerSchema(description, null, null, null);
    }

    static BooleanSchema bool(String description) {
        return new BooleanSchema(description, null);
    }

    static ListSchema list(String description, Schema items) {
        return new ListSchema(description, items, null);
    }

    static MapSchema stringMap(String description) {
        return new MapSchema(description, null);
    }

    static FreeFormSchema freeForm(String description) {
        return new FreeFormSchema(description, null, false);
    }

    /** Any object: its fields belong to another API and pass through unchecked. */
    static FreeFormSchema freeFormObject(String description) {
        return new FreeFormSchema(description, null, true);
    }
}
