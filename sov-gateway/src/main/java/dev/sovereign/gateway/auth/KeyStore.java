package dev.sovereign.gateway.auth;

import java.util.List;

/**
 * Where admin changes to keys live: keys created through the admin API, and changes (revocations)
 * to keys the configuration declares, each with the fingerprint of the declaration it changed
 * ({@link KeyDeclaration}). One SQLite file today ({@link SqliteKeyStore}); a shared database
 * when several gateway replicas must see the same keys.
 */
public interface KeyStore {

    /** A stored key; {@code declaration} is the fingerprint of the file's entry it overrides, null for admin keys. */
    record Stored(ApiKey key, String declaration) {
    }

    void save(ApiKey key, String declaration);

    void delete(String id);

    List<Stored> loadAll();
}
