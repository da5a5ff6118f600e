package dev.sovereign.spec.validation;

/**
 * One thing wrong with a declarative file, located precisely enough for a person to fix it:
 * {@code file:line: field.path: message}. Line numbers start at 1; 0 means "the whole file".
 */
public record Problem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (path != null && !path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
