package dev.sovereign.router.pii;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A regular expression for one entity type, its capture group, and a validator for the match. */
record PatternRule(PiiType type, Pattern pattern, int group, Validator valid, double score) {

    /** Decides whether the match [start, end) of {@code text} really is the entity. */
    interface Validator {
        boolean test(String text, int start, int end);
    }

    static PatternRule of(PiiType type, String regex, Predicate<String> valid) {
        return new PatternRule(type, Pattern.compile(regex), 0, (t, s, e) -> valid.test(t.substring(s, e)), 1.0);
    }

    static PatternRule checked(PiiType type, String regex, Validator valid) {
        return new PatternRule(type, Pattern.compile(regex), 0, valid, 1.0);
    }

    static PatternRule inContext(PiiType type, String regex, Validator valid) {
        return new PatternRule(type, Pattern.compile(regex), 0, valid, 0.8);
    }

    static PatternRule group(PiiType type, String regex, int group) {
        return new PatternRule(type, Pattern.compile(regex), group, (t, s, e) -> true, 0.9);
    }
}
