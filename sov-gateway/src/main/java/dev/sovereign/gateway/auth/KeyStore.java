package dev.sovereign.gateway.auth;

import java.util.List;

/**
 * Where admin changes to keys live: keys created through the admin API, and changes (revocations)
 * to keys the configuration declares, each with the fingerprint of the declaration it changed
 * ({@link KeyDeclaration}). The embedded SQLite file ({@link SqliteKeyStore}) for one replica, or a
 * PostgreSQL database every replica shares ({@code state.PostgresKeyStore}), whose {@link #revision()} tells
 * the others to reload.
 */
public interface KeyStore {

    /** A stored key; {@code declaration} is the fingerprint of the file's entry it overrides, null for admin keys. */
    record Stored(ApiKey key, String declaration) {
    }

    void save(ApiKey key, String declaration);

    void delete(String id);

    List<Stored> loadAll();

    /** A number every change to the stored keys increases; a store only this process writes may keep it at 0. */
    default long revision() {
        return 0;
    }
}
