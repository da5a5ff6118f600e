package dev.sovereign.gateway.settings;

import java.util.Set;

/** An API key declared in configuration; an empty {@code allowedModels} allows every model. */
public record KeySettings(String tenant, String key, Set<String> allowedModels, Limits limits) {

    public KeySettings {
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
        limits = limits == null ? Limits.NONE : limits;
    }
}
