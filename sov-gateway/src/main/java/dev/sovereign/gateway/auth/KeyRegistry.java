package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All API keys by hash: those declared in configuration and those created through the admin API.
 * Every admin change is stored ({@link KeyStore}) and survives restarts; a change to a declared
 * key (its revocation) wins over the file until the file's entry for that key changes.
 */
public final class KeyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRegistry.class);

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    /** Fingerprints of the declarations of configured keys, by key id. */
    private final Map<String, String> declarations = new ConcurrentHashMap<>();
    private final KeyStore store;
    /** Keys the configuration declares, as declared, by hash. */
    private final Map<String, ApiKey> declaredByHash = new HashMap<>();

    public KeyRegistry(List<KeySettings> declared, KeyStore store) {
        this.store = store;
        Map<String, KeyStore.Stored> overrides = new HashMap<>();
        for (KeyStore.Stored stored : store.loadAll()) {
            if (stored.declaration() == null) {
                byHash.put(stored.key().hash(), stored.key());
            } else {
                overrides.put(stored.key().hash(), stored);
            }
        }
        for (KeySettings k : declared) {
            String hash = k.key() != null ? KeyHash.of(k.key()) : k.keySha256();
            String fingerprint = KeyDeclaration.fingerprint(hash, k);
            ApiKey key = new ApiKey(KeyHash.idOf(hash), hash, k.tenant(), k.allowedModels(), k.limits(), "config", Instant.EPOCH, false);
            declarations.put(key.id(), fingerprint);
            declaredByHash.put(hash, key);
            KeyStore.Stored override = overrides.remove(hash);
            if (override != null && override.declaration().equals(fingerprint)) {
                key = override.key();
                LOG.warn("API key {} of tenant {} is declared in the configuration but was revoked through the admin API: "
                        + "it stays revoked until its entry in the configuration changes", key.id(), key.tenant());
            } else if (override != null) {
                store.delete(override.key().id());
                LOG.warn("API key {} of tenant {}: its entry in the configuration changed since its admin revocation; "
                        + "the configuration applies again", key.id(), key.tenant());
            }
            byHash.put(hash, key);
        }
        overrides.values().forEach(gone -> LOG.info("API key {}: no longer declared in the configuration; its admin "
                + "revocation is kept in case the entry comes back", gone.key().id()));
    }

    /**
     * Takes the store's keys again, after another replica changed them (synchronized with this replica's own
     * changes, so a reload never drops a key created here between its read and its swap): admin keys as stored, and each declared key
     * as declared unless the store holds a change to that same declaration (the start-up rule, without its logs and
     * clean-up, which the replica that started first already did).
     */
    public synchronized void reload() {
        Map<String, ApiKey> next = new HashMap<>(declaredByHash);
        for (KeyStore.Stored stored : store.loadAll()) {
            ApiKey key = stored.key();
            if (stored.declaration() == null) {
                next.put(key.hash(), key);
            } else if (declaredByHash.containsKey(key.hash()) && stored.declaration().equals(declarations.get(key.id()))) {
                next.put(key.hash(), key);
            }
        }
        byHash.putAll(next);
        byHash.keySet().retainAll(next.keySet());
    }

    /** The store's {@link KeyStore#revision()}: a change tells the caller to {@link #reload()}. */
    public long storeRevision() {
        return store.revision();
    }

    public Optional<ApiKey> findByKey(String presented) {
        ApiKey key = byHash.get(KeyHash.of(presented));
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    /** Creates a key and returns it with its secret, shown this once and never stored. */
    public synchronized Created create(String tenant, Set<String> allowedModels, Limits limits) {
        String secret = KeyHash.newKey();
        String hash = KeyHash.of(secret);
        ApiKey key = new ApiKey(KeyHash.idOf(hash), hash, tenant, allowedModels, limits, "admin", Instant.now(), false);
        store.save(key, null);
        byHash.put(hash, key);
        return new Created(key, secret);
    }

    public synchronized Optional<ApiKey> revoke(String id) {
        for (ApiKey key : byHash.values()) {
            if (key.id().equals(id)) {
                ApiKey revoked = key.revoke();
                store.save(revoked, declarations.get(id));
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
