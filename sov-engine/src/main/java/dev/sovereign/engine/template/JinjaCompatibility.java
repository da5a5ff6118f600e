package dev.sovereign.engine.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source rewrites for the places where jinjava parses Python Jinja differently. Python binds {@code not x is
 * defined} as {@code not (x is defined)}; jinjava applies {@code not} to {@code x} first, which silently turns
 * Llama-3.1's "set a default unless defined" lines into "always overwrite". jinjava has no slice step, so
 * Qwen3's {@code messages[::-1]} becomes {@code messages|reverse}.
 */
final class JinjaCompatibility {
    private static final Pattern NOT_IS_TEST = Pattern.compile(
            "\\bnot\\s+([A-Za-z_][\\w.]*(?:\\[[^\\]]*\\])*)\\s+is\\s+(not\\s+)?([A-Za-z_]\\w*)");

    private JinjaCompatibility() {
    }

    static String rewrite(String source) {
        Matcher m = NOT_IS_TEST.matcher(source.replace("[::-1]", "|reverse"));
        return m.replaceAll(r -> Matcher.quoteReplacement(
                "not (" + r.group(1) + " is " + (r.group(2) == null ? "" : "not ") + r.group(3) + ")"));
    }
}
