package dev.sovereign.engine.format;

/** A weight file or folder that cannot be used: bad magic, truncation, an unsupported dtype or architecture. */
public class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
