package dev.sovereign.engine.constraint;

/** A schema keyword or value the constraint cannot enforce; {@code field} is its path in the request. */
public final class UnsupportedSchemaException extends RuntimeException {

    private final String field;

    UnsupportedSchemaException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
