package dev.sovereign.gateway.settings;

import java.util.Set;

/**
 * An API key declared in configuration, as the key itself or only its SHA-256 hex
 * ({@code keySha256}); an empty {@code allowedModels} allows every model.
 */
public record KeySettings(String tenant, String key, String keySha256, Set<String> allowedModels, Limits limits) {

    public KeySettings {
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
        limits = limits == null ? Limits.NONE : limits;
        if ((key == null) == (keySha256 == null)) {
            throw new IllegalArgumentException("a key of tenant " + tenant + " needs exactly one of its value or its sha256");
        }
    }

    public KeySettings(String tenant, String key, Set<String> allowedModels, Limits limits) {
        this(tenant, key, null, allowedModels, limits);
    }
}
