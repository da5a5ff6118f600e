package dev.sovereign.spec.config;

import java.util.List;

/** The typed {@code gateway} section of sov.yaml; see {@link GatewayConfigSchema}. */
public record GatewayConfig(String listen, long maxBodyBytes, SecretRef adminKey, List<ApiKey> apiKeys) {

    public GatewayConfig {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** Host part of {@link #listen}. */
    public String host() {
        String host = listen.substring(0, listen.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Port part of {@link #listen}. */
    public int port() {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    /** A key declared in the file. */
    public record ApiKey(String tenant, SecretRef key, List<String> allowedModels) {
        public ApiKey {
            allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        }
    }
}
