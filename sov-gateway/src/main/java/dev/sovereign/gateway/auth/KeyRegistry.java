package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All API keys by hash: those declared in configuration and those created through the admin API
 * (persisted in {@link KeyStore} so they survive restarts).
 */
public final class KeyRegistry {

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final KeyStore store;

    public KeyRegistry(List<KeySettings> declared, KeyStore store) {
        this.store = store;
        for (ApiKey stored : store.loadAll()) {
            byHash.put(stored.hash(), stored);
        }
        for (KeySettings k : declared) {
            String hash = k.key() != null ? KeyHash.of(k.key()) : k.keySha256();
            byHash.put(hash, new ApiKey(KeyHash.idOf(hash), hash, k.tenant(), k.allowedModels(), k.limits(), "config", Instant.EPOCH, false));
        }
    }

    public Optional<ApiKey> findByKey(String presented) {
        ApiKey key = byHash.get(KeyHash.of(presented));
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    /** Creates a key and returns it with its secret, shown this once and never stored. */
    public Created create(String tenant, Set<String> allowedModels, Limits limits) {
        String secret = KeyHash.newKey();
        String hash = KeyHash.of(secret);
        ApiKey key = new ApiKey(KeyHash.idOf(hash), hash, tenant, allowedModels, limits, "admin", Instant.now(), false);
        store.save(key);
        byHash.put(hash, key);
        return new Created(key, secret);
    }

    public Optional<ApiKey> revoke(String id) {
        for (ApiKey key : byHash.values()) {
            if (key.id().equals(id)) {
                ApiKey revoked = key.revoke();
                if ("admin".equals(key.source())) {
                    store.save(revoked);
                }
                byHash.put(key.hash(), revoked);
                return Optional.of(revoked);
            }
        }
        return Optional.empty();
    }

    public Collection<ApiKey> all() {
        return byHash.values().stream().sorted(java.util.Comparator.comparing(ApiKey::tenant).thenComparing(ApiKey::id)).toList();
    }

    public record Created(ApiKey key, String secret) {
    }
}
