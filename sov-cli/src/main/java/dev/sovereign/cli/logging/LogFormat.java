package dev.sovereign.cli.logging;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How log lines look: {@code text} (time, level, component, message: for a person) or {@code json} (one object a
 * line: for a collector). {@code --log-format} wins over {@code SOV_LOG_FORMAT}; then JSON in a Kubernetes pod
 * (its log collector parses objects), else text, also when stderr is not a terminal (a pipe to {@code tee} or
 * {@code less} is still read by a person).
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String OPTION = "--log-format";

    /** The format the command line or the environment asks for; the command line's value is checked by picocli later. */
    public static LogFormat chosen(List<String> args, Function<String, String> environment) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(OPTION) && i + 1 < args.size()) {
                return parseOr(args.get(i + 1), TEXT);
            }
            if (arg.startsWith(OPTION + "=")) {
                return parseOr(arg.substring(OPTION.length() + 1), TEXT);
            }
        }
        LogFormat byPlace = environment.apply("KUBERNETES_SERVICE_HOST") != null ? JSON : TEXT;
        String env = environment.apply("SOV_LOG_FORMAT");
        return env == null ? byPlace : parseOr(env, byPlace);
    }

    private static LogFormat parseOr(String value, LogFormat fallback) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
