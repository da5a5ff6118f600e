package dev.sovereign.spec.schema;

import java.util.List;
import java.util.regex.Pattern;

/** A string, optionally bounded in length, matched against a pattern, or limited to an enumeration. */
public record StringSchema(
        String description, String defaultValue, Integer maxLength, Pattern pattern, String patternHint, List<String> allowed)
        implements Schema {

    public StringSchema withDefault(String value) {
        return new StringSchema(description, value, maxLength, pattern, patternHint, allowed);
    }

    public StringSchema maxLength(int max) {
        return new StringSchema(description, defaultValue, max, pattern, patternHint, allowed);
    }

    /** A regular expression the whole value must match; the hint says in words what is expected. */
    public StringSchema pattern(String regex, String hint) {
        return new StringSchema(description, defaultValue, maxLength, Pattern.compile(regex), hint, allowed);
    }

    public StringSchema oneOf(String... values) {
        return new StringSchema(description, defaultValue, maxLength, pattern, patternHint, List.of(values));
    }

    @Override
    public String typeName() {
        return "a string";
    }
}
