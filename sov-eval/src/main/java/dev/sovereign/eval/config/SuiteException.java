package dev.sovereign.eval.config;

/** A suite that cannot be run as written; the message names the file, test index and field. */
public final class SuiteException extends RuntimeException {
    public SuiteException(String message) {
        super(message);
    }

    public SuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
