package dev.sovereign.router.pii;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A regular expression for one entity type, its capture group, a validator for the match, and,
 * for speed, an anchor: a position every match contains (a character, or a digit that starts a
 * run of digits dense enough for the entity), no farther than {@code reach} characters from either
 * end of the match. The detector runs an anchored rule only around its
 * anchors instead of trying the expression at every position of the text.
 */
record PatternRule(PiiType type, Pattern pattern, int group, Validator valid, double score, Anchor anchor, int reach) {

    /** Decides whether the match [start, end) of {@code text} really is the entity. */
    interface Validator {
        boolean test(String text, int start, int end);
    }

    /** Whether position {@code i} of {@code text} is an anchor; every match of the rule contains one. */
    interface Anchor {
        boolean test(String text, int i);
    }

    static final Anchor NONE = null;

    PatternRule(PiiType type, Pattern pattern, int group, Validator valid, double score) {
        this(type, pattern, group, valid, score, NONE, 0);
    }

    /** This rule, run only within {@code reach} characters of a character {@code anchor} accepts. */
    PatternRule around(Anchor anchor, int reach) {
        return new PatternRule(type, pattern, group, valid, score, anchor, reach);
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
