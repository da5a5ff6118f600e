package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.Limits;
import java.time.Instant;
import java.util.Set;

/**
 * A stored API key, without the key itself. An empty {@code allowedModels} allows every model.
 * {@code source} is {@code config} (declared in sov.yaml or on the command line) or {@code admin}.
 */
public record ApiKey(String id, String hash, String tenant, Set<String> allowedModels, Limits limits, String source,
                     Instant createdAt, boolean revoked) {

    public boolean allows(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }

    public ApiKey revoke() {
        return new ApiKey(id, hash, tenant, allowedModels, limits, source, createdAt, true);
    }
}
