package dev.sovereign.eval.assertion;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a regular expression with JavaScript's {@code new RegExp(source)} meaning, because suites
 * are written for Promptfoo, which runs them on Node: inline flag groups such as {@code (?i)} are
 * invalid there (so they are refused here too, with Node's message), {@code $} matches only at the
 * very end of the text, and {@code [^]} matches any character.
 */
final class JsRegex {

    private JsRegex() {
    }

    static Pattern compile(String source) {
        StringBuilder java = new StringBuilder(source.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                java.append(c).append(source.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                java.append(c);
            } else if (c == '[') {
                if (source.startsWith("[^]", i)) {
                    java.append("[\\s\\S]");
                    i += 2;
                } else {
                    inClass = true;
                    java.append(c);
                    if (i + 1 < source.length() && source.charAt(i + 1) == ']') {
                        throw invalid(source, "Unterminated character class");
                    }
                }
            } else if (c == '(' && source.startsWith("(?", i) && !validGroup(source, i + 2)) {
                throw invalid(source, "Invalid group");
            } else if (c == '$') {
                java.append("\\z");
            } else {
                java.append(c);
            }
        }
        try {
            return Pattern.compile(java.toString());
        } catch (PatternSyntaxException e) {
            throw invalid(source, e.getDescription());
        }
    }

    /** JavaScript accepts {@code (?:}, {@code (?=}, {@code (?!}, {@code (?<=}, {@code (?<!} and {@code (?<name>}. */
    private static boolean validGroup(String source, int at) {
        if (at >= source.length()) {
            return false;
        }
        char c = source.charAt(at);
        return c == ':' || c == '=' || c == '!' || c == '<';
    }

    private static IllegalArgumentException invalid(String source, String why) {
        return new IllegalArgumentException("Invalid regular expression: /" + source + "/: " + why);
    }
}
