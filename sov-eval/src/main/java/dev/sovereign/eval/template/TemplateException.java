package dev.sovereign.eval.template;

/** A template that cannot be rendered. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
