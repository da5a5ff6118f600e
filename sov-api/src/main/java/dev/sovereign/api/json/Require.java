package dev.sovereign.api.json;

import dev.sovereign.api.error.ApiErrors;
import java.util.Collection;
import java.util.Set;

/** Checks for required fields, called from the compact constructors of request records. */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw ApiErrors.missingField(field);
        }
        return value;
    }

    public static String nonBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiErrors.missingField(field);
        }
        return value;
    }

    public static <C extends Collection<?>> C nonEmpty(C value, String field) {
        if (value == null) {
            throw ApiErrors.missingField(field);
        }
        if (value.isEmpty()) {
            throw ApiErrors.invalidField(field, "must not be empty");
        }
        return value;
    }

    public static String oneOf(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw ApiErrors.invalidField(field, "'" + value + "' is not one of " + allowed);
        }
        return value;
    }

    public static Integer positive(Integer value, String field) {
        if (value != null && value < 1) {
            throw ApiErrors.invalidField(field, "must be at least 1, got " + value);
        }
        return value;
    }
}
