package dev.sovereign.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source rewrites for the places where jinjava parses Python Jinja differently. Python binds {@code not x is
 * defined} as {@code not (x is defined)}; jinjava applies {@code not} to {@code x} first, which silently turns
 * Llama-3.1's "set a default unless defined" lines into "always overwrite". jinjava has no slice step, so
 * Qwen3's {@code messages[::-1]} becomes {@code messages|reverse}. jinjava binds a keyword argument tighter than
 * arithmetic ({@code namespace(i=messages|length - 1)} subtracts from the argument), so keyword values of
 * {@code namespace(...)} are parenthesized.
 */
final class JinjaCompatibility {
    private static final Pattern NOT_IS_TEST = Pattern.compile(
            "\\bnot\\s+([A-Za-z_][\\w.]*(?:\\[[^\\]]*\\])*)\\s+is\\s+(not\\s+)?([A-Za-z_]\\w*)");

    private JinjaCompatibility() {
    }

    static String rewrite(String source) {
        Matcher m = NOT_IS_TEST.matcher(parenthesizeNamespaceArguments(source.replace("[::-1]", "|reverse")));
        return m.replaceAll(r -> Matcher.quoteReplacement(
                "not (" + r.group(1) + " is " + (r.group(2) == null ? "" : "not ") + r.group(3) + ")"));
    }

    private static String parenthesizeNamespaceArguments(String source) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        int from = 0;
        int at;
        while ((at = source.indexOf("namespace(", from)) >= 0) {
            int open = at + "namespace(".length();
            int close = matchingParenthesis(source, open);
            if (close < 0) {
                break;
            }
            out.append(source, from, open);
            List<String> arguments = splitTopLevel(source.substring(open, close));
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                Matcher keyword = KEYWORD_ARGUMENT.matcher(argument);
                out.append(i > 0 ? "," : "").append(keyword.matches()
                        ? keyword.group(1) + "=(" + keyword.group(2) + ")" : argument);
            }
            out.append(')');
            from = close + 1;
        }
        return out.append(source.substring(from)).toString();
    }

    private static final Pattern KEYWORD_ARGUMENT = Pattern.compile("(\\s*[A-Za-z_]\\w*\\s*)=(?!=)(.*)", Pattern.DOTALL);

    /** Index of the ')' closing the call whose arguments start at {@code from}, skipping strings; -1 if none. */
    private static int matchingParenthesis(String s, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return c == ')' ? i : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String arguments) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arguments.substring(start));
        return parts;
    }
}
