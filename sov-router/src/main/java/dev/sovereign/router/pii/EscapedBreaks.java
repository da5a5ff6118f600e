package dev.sovereign.router.pii;

/**
 * Text as the rules read it: each escaped line break or tab written out as two characters
 * ({@code \n}, {@code \r}, {@code \t}: a backslash and a letter, as in JSON strings, logs and
 * template files pasted into a prompt) becomes two spaces. The length stays the same, so a span
 * found in this view is the same span of the original text. Without it the letter of the escape
 * is glued to what follows: "\n415-555-0132" reads as the word "n415" and hides the phone, and
 * "\nCall" is not the word "call".
 */
final class EscapedBreaks {
    private EscapedBreaks() {
    }

    static String asSpaces(String text) {
        int at = text.indexOf('\\');
        if (at < 0) {
            return text;
        }
        char[] chars = null;
        for (; at >= 0 && at + 1 < text.length(); at = text.indexOf('\\', at + 1)) {
            char next = text.charAt(at + 1);
            if (next == 'n' || next == 'r' || next == 't') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[at] = ' ';
                chars[at + 1] = ' ';
                at++;
            }
        }
        return chars == null ? text : new String(chars);
    }
}
