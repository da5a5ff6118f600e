package dev.sovereign.engine.template;

import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code json.dumps(value, ensure_ascii=False, indent=..., sort_keys=...)}, which is what Hugging Face's
 * {@code tojson} filter produces: ", " and ": " separators when compact, key order kept, non-ASCII kept.
 */
final class PythonJson {
    private PythonJson() {
    }

    static String dumps(Object value, Integer indent, boolean sortKeys) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, indent, sortKeys, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, Integer indent, boolean sortKeys, int depth) {
        switch (value) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b ? "true" : "false");
            case Float f -> sb.append(pythonFloat(f.doubleValue()));
            case Double d -> sb.append(pythonFloat(d));
            case Number n -> sb.append(n);
            case CharSequence s -> string(sb, s.toString());
            case Map<?, ?> map -> {
                var entries = new java.util.ArrayList<Map.Entry<?, ?>>(map.entrySet());
                if (sortKeys) {
                    entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
                }
                container(sb, '{', '}', entries, indent, depth, (e) -> {
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), indent, sortKeys, depth + 1);
                });
            }
            case Collection<?> list -> container(sb, '[', ']', list, indent, depth,
                    (item) -> write(sb, item, indent, sortKeys, depth + 1));
            case Object[] array -> write(sb, java.util.Arrays.asList(array), indent, sortKeys, depth);
            default -> string(sb, value.toString());
        }
    }

    private static <T> void container(StringBuilder sb, char open, char close, Collection<T> items, Integer indent,
                                      int depth, java.util.function.Consumer<T> writeItem) {
        sb.append(open);
        if (items.isEmpty()) {
            sb.append(close);
            return;
        }
        boolean first = true;
        for (T item : items) {
            if (!first) {
                sb.append(indent == null ? ", " : ",");
            }
            if (indent != null) {
                sb.append('\n').append(" ".repeat(indent * (depth + 1)));
            }
            writeItem.accept(item);
            first = false;
        }
        if (indent != null) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
        sb.append(close);
    }

    private static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
