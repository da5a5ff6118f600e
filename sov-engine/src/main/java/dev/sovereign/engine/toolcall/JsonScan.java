package dev.sovereign.engine.toolcall;

/**
 * Finds where JSON values end in text that may still be growing, without building them: enough to know which part of
 * a call is its name and which its arguments while the model is still writing them.
 */
final class JsonScan {

    /** The text ends before the value does: more may complete it. */
    static final int INCOMPLETE = -1;
    /** The text cannot be the value wanted here, whatever follows. */
    static final int MALFORMED = -2;

    private JsonScan() {
    }

    static int skipWhitespace(CharSequence s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index just past the value starting at {@code i} (its first character, not whitespace). */
    static int valueEnd(CharSequence s, int i) {
        if (i >= s.length()) {
            return INCOMPLETE;
        }
        char c = s.charAt(i);
        if (c == '"') {
            return stringEnd(s, i);
        }
        if (c == '{' || c == '[') {
            return containerEnd(s, i);
        }
        if (c == '-' || Character.isLetterOrDigit(c)) {
            int j = i;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || "+-.".indexOf(s.charAt(j)) >= 0)) {
                j++;
            }
            return j == s.length() ? INCOMPLETE : j;
        }
        return MALFORMED;
    }

    /** The index just past the string whose opening quote is at {@code i}. */
    static int stringEnd(CharSequence s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return INCOMPLETE;
    }

    private static int containerEnd(CharSequence s, int i) {
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                int end = stringEnd(s, j);
                if (end < 0) {
                    return INCOMPLETE;
                }
                j = end - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return INCOMPLETE;
    }
}
