package dev.sovereign.eval.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Nunjucks that Promptfoo suites use in prompts and assertion values: {@code {{ path }}}
 * with dotted and indexed paths and the filters {@code dump}, {@code upper}, {@code lower},
 * {@code trim}, {@code length} and {@code default(...)}; {@code {# comments #}} are dropped. Values
 * print the way Nunjucks prints JavaScript values, so the text sent to the model is the same text
 * Promptfoo would send. Statement tags ({@code {% %}}) are refused with a clear error rather than
 * printed half-rendered.
 */
public final class Template {

    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("\\{#.*?#}", Pattern.DOTALL);

    private Template() {
    }

    /** Renders {@code text} with {@code vars}; an unknown variable renders as empty text, as in Nunjucks. */
    public static String render(String text, JsonNode vars) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        String withoutComments = COMMENT.matcher(text).replaceAll("");
        if (withoutComments.contains("{%")) {
            throw new TemplateException("template statements ({% ... %}) are not supported: " + abbreviate(text));
        }
        Matcher m = EXPRESSION.matcher(withoutComments);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Expression.parse(m.group(1)).evaluate(vars)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The root variable names a template reads, e.g. {@code input} for {@code {{ input | trim }}}. */
    public static Set<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = EXPRESSION.matcher(COMMENT.matcher(text).replaceAll(""));
        while (m.find()) {
            names.add(Expression.parse(m.group(1)).root());
        }
        return names;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }

    /** A path with filters, e.g. {@code item.name | upper}. */
    private record Expression(List<String> path, List<String> filters) {

        static Expression parse(String source) {
            String[] pieces = source.split("\\|");
            List<String> path = splitPath(pieces[0].trim(), source);
            List<String> filters = new ArrayList<>();
            for (int i = 1; i < pieces.length; i++) {
                filters.add(pieces[i].trim());
            }
            return new Expression(path, filters);
        }

        private static List<String> splitPath(String text, String source) {
            if (text.isEmpty()) {
                throw new TemplateException("empty expression in {{" + source + "}}");
            }
            List<String> parts = new ArrayList<>();
            for (String dotted : text.split("\\.")) {
                String rest = dotted;
                int bracket = rest.indexOf('[');
                parts.add(bracket < 0 ? rest : rest.substring(0, bracket));
                while (bracket >= 0) {
                    int close = rest.indexOf(']', bracket);
                    if (close < 0) {
                        throw new TemplateException("unclosed [ in {{" + source + "}}");
                    }
                    parts.add(rest.substring(bracket + 1, close).trim().replaceAll("^['\"]|['\"]$", ""));
                    rest = rest.substring(close + 1);
                    bracket = rest.indexOf('[');
                }
            }
            for (String part : parts) {
                if (!part.matches("[A-Za-z0-9_$-]+")) {
                    throw new TemplateException("unsupported expression {{" + source + "}}");
                }
            }
            return parts;
        }

        String root() {
            return path.getFirst();
        }

        String evaluate(JsonNode vars) {
            JsonNode node = vars;
            for (String part : path) {
                if (node == null) {
                    break;
                }
                node = node.isArray() && part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
            }
            Object value = node == null || node.isMissingNode() ? null : node;
            for (String filter : filters) {
                value = Filters.apply(filter, value);
            }
            return JsValues.print(value);
        }
    }
}
