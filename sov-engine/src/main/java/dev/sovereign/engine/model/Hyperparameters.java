package dev.sovereign.engine.model;

import dev.sovereign.engine.format.ModelFormatException;
import java.util.Map;

/** Typed reads of a model's hyperparameters from GGUF metadata or an HF config.json map, with clear errors. */
final class Hyperparameters {

    private final Map<String, Object> values;
    private final String prefix;
    private final String source;

    private Hyperparameters(Map<String, Object> values, String prefix, String source) {
        this.values = values;
        this.prefix = prefix;
        this.source = source;
    }

    /** GGUF keys are {@code <architecture>.<name>}. */
    static Hyperparameters gguf(Map<String, Object> metadata, String architecture) {
        return new Hyperparameters(metadata, architecture + ".", "GGUF metadata");
    }

    static Hyperparameters hf(Map<String, Object> config) {
        return new Hyperparameters(config, "", "config.json");
    }

    boolean has(String key) {
        return values.get(prefix + key) != null;
    }

    Object raw(String key) {
        return values.get(prefix + key);
    }

    int integer(String key) {
        Object v = values.get(prefix + key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        throw new ModelFormatException(source + " is missing the integer field " + prefix + key);
    }

    int integer(String key, int fallback) {
        return has(key) ? integer(key) : fallback;
    }

    double number(String key, double fallback) {
        Object v = values.get(prefix + key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ModelFormatException(source + " field " + prefix + key + " is not a number: " + v);
    }

    boolean flag(String key, boolean fallback) {
        Object v = values.get(prefix + key);
        return v instanceof Boolean b ? b : fallback;
    }

    String text(String key) {
        Object v = values.get(prefix + key);
        return v == null ? null : String.valueOf(v);
    }
}
