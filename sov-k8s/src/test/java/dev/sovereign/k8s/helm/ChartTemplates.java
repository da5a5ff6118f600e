package dev.sovereign.k8s.helm;

import dev.sovereign.k8s.yaml.ManifestYaml;
import dev.sovereign.k8s.yaml.Tree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders this chart's templates without the helm binary (not installable here). It knows
 * only the subset of Go templates the chart uses: {@code {{ .Values.x }}}, {@code .Release.Name},
 * {@code .Release.Namespace}, {@code if}/{@code if not}/{@code else}/{@code end}, the pipes {@code toYaml} and
 * {@code nindent N}, and the {@code {{-}}/{@code -}}} whitespace trimming. Anything else is
 * an error, so the chart cannot silently grow constructs this check does not understand.
 */
final class ChartTemplates {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final Pattern NINDENT = Pattern.compile("nindent (\\d+)");

    private final Map<String, Object> values;
    private final String releaseName;
    private final String namespace;

    ChartTemplates(Map<String, Object> values, String releaseName, String namespace) {
        this.values = values;
        this.releaseName = releaseName;
        this.namespace = namespace;
    }

    String render(String template) {
        StringBuilder out = new StringBuilder();
        Deque<Boolean> emitting = new ArrayDeque<>();
        Deque<Boolean> outer = new ArrayDeque<>();
        emitting.push(true);
        Matcher m = ACTION.matcher(template);
        int last = 0;
        boolean trimNext = false;
        while (m.find()) {
            String text = template.substring(last, m.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (!m.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            if (emitting.peek()) {
                out.append(text);
            }
            String action = m.group(2);
            if (action.startsWith("if ")) {
                String condition = action.substring(3).strip();
                boolean negated = condition.startsWith("not ");
                boolean holds = truthy(value(negated ? condition.substring(4).strip() : condition)) != negated;
                outer.push(emitting.peek());
                emitting.push(emitting.peek() && holds);
            } else if (action.equals("else")) {
                if (outer.isEmpty()) {
                    throw new IllegalArgumentException("{{ else }} outside {{ if }}");
                }
                boolean branch = emitting.pop();
                emitting.push(outer.peek() && !branch);
            } else if (action.equals("end")) {
                if (outer.isEmpty()) {
                    throw new IllegalArgumentException("unbalanced {{ end }}");
                }
                emitting.pop();
                outer.pop();
            } else if (emitting.peek()) {
                out.append(pipeline(action));
            }
            trimNext = !m.group(3).isEmpty();
            last = m.end();
        }
        String tail = template.substring(last);
        out.append(trimNext ? tail.stripLeading() : tail);
        if (emitting.size() != 1) {
            throw new IllegalArgumentException("unclosed {{ if }}");
        }
        return out.toString();
    }

    private String pipeline(String action) {
        String[] stages = action.split("\\|");
        Object value = value(stages[0].strip());
        String text = value instanceof String s ? s : null;
        for (int i = 1; i < stages.length; i++) {
            String stage = stages[i].strip();
            if (stage.equals("toYaml")) {
                text = ManifestYaml.write(value).stripTrailing();
            } else if (NINDENT.matcher(stage).matches()) {
                String pad = " ".repeat(Integer.parseInt(stage.substring("nindent ".length())));
                String base = text != null ? text : String.valueOf(value);
                text = "\n" + pad + base.stripTrailing().replace("\n", "\n" + pad);
            } else {
                throw new IllegalArgumentException("unsupported template function: " + stage);
            }
        }
        return text != null ? text : String.valueOf(value);
    }

    private Object value(String path) {
        if (path.equals(".Release.Name")) {
            return releaseName;
        }
        if (path.equals(".Release.Namespace")) {
            return namespace;
        }
        if (!path.startsWith(".Values.")) {
            throw new IllegalArgumentException("unsupported template expression: " + path);
        }
        Object found = Tree.at(values, (Object[]) path.substring(".Values.".length()).split("\\."));
        if (found == null) {
            throw new IllegalArgumentException("no value for " + path);
        }
        return found;
    }

    private static boolean truthy(Object value) {
        return !(value == null || Boolean.FALSE.equals(value) || "".equals(value));
    }
}
