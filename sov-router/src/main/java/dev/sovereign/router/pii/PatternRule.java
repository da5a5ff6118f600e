package dev.sovereign.router.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A regular expression for one entity type, its capture group, a validator for the match, and,
 * for speed, a prefilter: either an anchor (a position every match contains, such as a character or
 * a digit that starts a run of digits dense enough for the entity, no farther than {@code reach}
 * characters from either end of the match), so the detector runs the rule only around its anchors,
 * or literals of which every match contains one, so the rule is skipped on a text that has none.
 */
record PatternRule(PiiType type, Pattern pattern, int group, Validator valid, double score, Anchor anchor, int reach,
                   List<String> requires, Rescue rescue) {

    /**
     * For a match the validator refused: the span of the entity inside it, {@code {start, end}},
     * or null. A greedy pattern can swallow a neighbouring number ("2019 415-555-0132"), and the
     * matcher does not look inside a refused match again.
     */
    interface Rescue {
        int[] inside(String text, int start, int end);
    }

    /** Decides whether the match [start, end) of {@code text} really is the entity. */
    interface Validator {
        boolean test(String text, int start, int end);
    }

    /** Positions every match of a rule contains. */
    interface Anchor {
        boolean test(String text, int i);

        /** Every anchor of {@code text}, ascending; implementations override it when one pass beats testing each position. */
        default int[] positions(String text) {
            int[] out = new int[8];
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                if (test(text, i)) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    static final Anchor NONE = null;

    PatternRule(PiiType type, Pattern pattern, int group, Validator valid, double score) {
        this(type, pattern, group, valid, score, NONE, 0, List.of(), null);
    }

    /** This rule, run only within {@code reach} characters of a position {@code anchor} accepts. */
    PatternRule around(Anchor anchor, int reach) {
        return new PatternRule(type, pattern, group, valid, score, anchor, reach, requires, rescue);
    }

    /** This rule, run only on texts that contain at least one of {@code literals} (case-sensitive). */
    PatternRule requiring(String... literals) {
        return new PatternRule(type, pattern, group, valid, score, anchor, reach, List.of(literals), rescue);
    }

    /** This rule, looking inside a refused match with {@code rescue}. */
    PatternRule rescuing(Rescue rescue) {
        return new PatternRule(type, pattern, group, valid, score, anchor, reach, requires, rescue);
    }

    /** Whether the rule can match {@code text} at all, by its literals; true for a rule without any. */
    boolean mayMatch(String text) {
        if (requires.isEmpty()) {
            return true;
        }
        for (String literal : requires) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
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
