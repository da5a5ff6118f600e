package dev.sovereign.eval.assertion;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code a, "b, c", d} into fields, keeping commas inside double quotes ({@code ""} or a backslash escapes a quote). */
final class CommaValues {

    private CommaValues() {
    }

    static List<String> parse(String text) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (text.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                boolean terminated = false;
                i++;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                        field.append(text.charAt(i + 1));
                        i += 2;
                    } else if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        terminated = true;
                        break;
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                if (!terminated) {
                    throw new IllegalArgumentException("Unterminated quoted field in contains assertion value");
                }
                fields.add(field.toString());
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < n && text.charAt(i) != ',') {
                    throw new IllegalArgumentException("Expected comma after quoted field in contains assertion value");
                }
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                fields.add(text.substring(start, i).trim());
            }
        }
        return fields;
    }
}
