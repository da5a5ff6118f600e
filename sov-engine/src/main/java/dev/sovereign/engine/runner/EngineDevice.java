package dev.sovereign.engine.runner;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the model runs: {@code cpu} (the Java kernels), {@code cuda} (the first NVIDIA GPU; no device is an error) or
 * {@code auto} (the GPU when a CUDA driver and device answer, else the CPU). See ADR 0152.
 */
public enum EngineDevice {
    AUTO, CPU, CUDA;

    /** The value as users write it: {@code auto}, {@code cpu}, {@code cuda}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a user's value; an unknown one is an error naming {@code field} (a flag or a spec path). */
    public static EngineDevice parse(String value, String field) {
        if (value != null) {
            for (EngineDevice d : values()) {
                if (d.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + Arrays.stream(values()).map(EngineDevice::value)
                .collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
