package dev.sovereign.router.rules;

import dev.sovereign.router.config.RouterConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One compiled keyword rule. Keywords are substrings (as in vLLM Semantic Router, so "function "
 * with its space only matches the word followed by a space); regexes are searched anywhere.
 * OR = any matches, AND = all match, NOR = none matches.
 */
public final class KeywordRule {

    private final String name;
    private final String operator;
    private final boolean caseSensitive;
    private final List<String> keywords;
    private final List<Pattern> regexes = new ArrayList<>();

    public KeywordRule(RouterConfig.KeywordRule config) {
        this.name = config.name();
        this.operator = config.operator() == null ? "OR" : config.operator();
        this.caseSensitive = Boolean.TRUE.equals(config.caseSensitive());
        List<String> kws = config.keywords() == null ? List.of() : config.keywords();
        this.keywords = caseSensitive ? List.copyOf(kws) : kws.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        if (config.regexes() != null) {
            int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            config.regexes().forEach(r -> regexes.add(Pattern.compile(r, flags)));
        }
    }

    public String name() {
        return name;
    }

    /** {@code lowered} is {@code text} lower-cased once per request, shared by all rules. */
    public boolean matches(String text, String lowered) {
        String haystack = caseSensitive ? text : lowered;
        int hits = 0;
        for (String k : keywords) {
            if (haystack.contains(k)) {
                hits++;
            }
        }
        for (Pattern p : regexes) {
            if (p.matcher(text).find()) {
                hits++;
            }
        }
        int total = keywords.size() + regexes.size();
        return switch (operator) {
            case "AND" -> hits == total;
            case "NOR" -> hits == 0;
            default -> hits > 0;
        };
    }
}
