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
            List<String> arguments = new ArrayList<>();
            int close = scanArguments(source, open, arguments);
            if (close < 0) {
                break;
            }
            out.append(source, from, open);
            for (int i = 0; i < arguments.size(); i++) {
                Matcher keyword = KEYWORD_ARGUMENT.matcher(arguments.get(i));
                out.append(i > 0 ? "," : "").append(keyword.matches()
                        ? keyword.group(1) + "=(" + keyword.group(2) + ")" : arguments.get(i));
            }
            out.append(')');
            from = close + 1;
        }
        return out.append(source.substring(from)).toString();
    }

    private static final Pattern KEYWORD_ARGUMENT = Pattern.compile("(\\s*[A-Za-z_]\\w*\\s*)=(?!=)(.*)", Pattern.DOTALL);

    /**
     * Splits the arguments of a call starting at {@code from} at top-level commas (skipping strings and brackets)
     * into {@code parts}; returns the index of the closing ')', or -1 if the call is not closed.
     */
    private static int scanArguments(String s, int from, List<String> parts) {
        int depth = 0;
        char quote = 0;
        int start = from;
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
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ')') {
                parts.add(s.substring(start, i));
                return i;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return -1;
    }
}
