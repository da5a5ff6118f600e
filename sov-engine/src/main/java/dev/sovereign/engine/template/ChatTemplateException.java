package dev.sovereign.engine.template;

/** A chat template that is missing, malformed, uses an unsupported construct, or raised an exception itself. */
public final class ChatTemplateException extends RuntimeException {
    public ChatTemplateException(String message) {
        super(message);
    }

    public ChatTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
