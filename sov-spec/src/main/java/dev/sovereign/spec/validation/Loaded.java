package dev.sovereign.spec.validation;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The outcome of reading one YAML document: a valid value, or the problems that make it
 * invalid (then {@code value} is null). A file that cannot be read at all gives one Loaded
 * with index -1 and its problems. {@code lineOf} gives the line of a field path (0 when unknown),
 * so checks made after loading can still point at the line.
 */
public record Loaded<T>(String file, int index, T value, List<Problem> problems, ToIntFunction<String> lineOf) {

    public Loaded {
        problems = List.copyOf(problems);
    }

    public Loaded(String file, int index, T value, List<Problem> problems) {
        this(file, index, value, problems, path -> 0);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public static <T> Loaded<T> unreadable(String file, String message) {
        return new Loaded<>(file, -1, null, List.of(new Problem(file, 0, "", message)));
    }
}
