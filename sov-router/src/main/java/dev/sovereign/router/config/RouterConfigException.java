package dev.sovereign.router.config;

/** A configuration that cannot be used; the message names the file and the field. */
public final class RouterConfigException extends RuntimeException {
    public RouterConfigException(String message) {
        super(message);
    }

    public RouterConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
