package dev.sovereign.engine.sampling;

/** A sampling parameter out of range; {@code field} is the request parameter's name, so a server can name it. */
public final class InvalidSamplingException extends IllegalArgumentException {

    private final String field;

    public InvalidSamplingException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
