package dev.sovereign.router.pii;

import java.util.Arrays;

/**
 * The anchors of the structured rules, each found in one pass over a text. Several rules share an
 * anchor (cards, SSNs, IBANs and phones all start at a dense run of digits), and the detector
 * computes each anchor's positions once per text.
 */
final class Anchors {
    private Anchors() {
    }

    /** How many digits must follow within {@link #DENSE_SPAN} characters, the first one included. */
    static final int DENSE_DIGITS = 6;
    static final int DENSE_SPAN = 40;

    /**
     * A digit with at least {@value #DENSE_DIGITS} digits within {@value #DENSE_SPAN} characters
     * from it: every card, SSN, IBAN and phone the rules accept has one (their first digit), while
     * years, prices and counts in prose do not.
     */
    static final PatternRule.Anchor DENSE_DIGIT_RUN = new PatternRule.Anchor() {
        @Override
        public boolean test(String text, int i) {
            if (!digit(text.charAt(i))) {
                return false;
            }
            int n = 0;
            for (int j = i; j < Math.min(text.length(), i + DENSE_SPAN); j++) {
                if (digit(text.charAt(j)) && ++n >= DENSE_DIGITS) {
                    return true;
                }
            }
            return false;
        }

        /** Right to left, keeping the count of digits in [i, i + span): linear in the text. */
        @Override
        public int[] positions(String text) {
            int len = text.length();
            int[] out = null;
            int n = 0;
            int count = 0;
            for (int i = len - 1; i >= 0; i--) {
                if (digit(text.charAt(i))) {
                    count++;
                }
                if (i + DENSE_SPAN < len && digit(text.charAt(i + DENSE_SPAN))) {
                    count--;
                }
                if (count >= DENSE_DIGITS && digit(text.charAt(i))) {
                    if (out == null) {
                        out = new int[16];
                    } else if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = i;
                }
            }
            if (out == null) {
                return new int[0];
            }
            int[] ascending = new int[n];
            for (int k = 0; k < n; k++) {
                ascending[k] = out[n - 1 - k];
            }
            return ascending;
        }
    };

    /** A digit, a dot, a digit: inside every dotted IPv4 address. */
    static final PatternRule.Anchor DOTTED_DIGITS = new PatternRule.Anchor() {
        @Override
        public boolean test(String text, int i) {
            return i + 2 < text.length() && digit(text.charAt(i)) && text.charAt(i + 1) == '.' && digit(text.charAt(i + 2));
        }

        @Override
        public int[] positions(String text) {
            return collect(text, ".", 1, this);
        }
    };

    static final PatternRule.Anchor AT_SIGN = character('@');
    static final PatternRule.Anchor COLON = character(':');
    static final PatternRule.Anchor COLON_OR_EQUALS = new PatternRule.Anchor() {
        @Override
        public boolean test(String text, int i) {
            return text.charAt(i) == ':' || text.charAt(i) == '=';
        }

        @Override
        public int[] positions(String text) {
            int[] colons = collect(text, ":", 0, this);
            int[] equals = collect(text, "=", 0, this);
            int[] out = Arrays.copyOf(colons, colons.length + equals.length);
            System.arraycopy(equals, 0, out, colons.length, equals.length);
            Arrays.sort(out);
            return out;
        }
    };

    private static PatternRule.Anchor character(char c) {
        String s = String.valueOf(c);
        return new PatternRule.Anchor() {
            @Override
            public boolean test(String text, int i) {
                return text.charAt(i) == c;
            }

            @Override
            public int[] positions(String text) {
                return collect(text, s, 0, this);
            }
        };
    }

    /**
     * Positions {@code offset} before each occurrence of {@code literal} (found with the JDK's
     * vectorised {@code indexOf}) that {@code anchor} accepts.
     */
    private static int[] collect(String text, String literal, int offset, PatternRule.Anchor anchor) {
        int[] out = new int[0];
        int n = 0;
        for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
            int i = at - offset;
            if (i >= 0 && anchor.test(text, i)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.max(8, n * 2));
                }
                out[n++] = i;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
