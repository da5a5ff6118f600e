package dev.sovereign.engine.template;

import java.time.ZonedDateTime;

/** The global functions Hugging Face adds to chat templates, as static methods jinjava can call. */
public final class TemplateFunctions {
    private TemplateFunctions() {
    }

    /** {@code raise_exception(message)}: the template rejects its input. */
    public static Object raiseException(Object message) {
        throw new TemplateRaisedException(String.valueOf(message));
    }

    /** {@code strftime_now(format)}: the current local time in Python's strftime format. */
    public static String strftimeNow(String format) {
        return Strftime.format(ZonedDateTime.now(), format);
    }

    /** Thrown by {@code raise_exception}; carried out of jinjava and rethrown as a {@link ChatTemplateException}. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
