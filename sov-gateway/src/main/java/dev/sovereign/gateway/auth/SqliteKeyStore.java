package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.usage.LedgerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys in the gateway's SQLite file (hash, tenant, models, limits, source, revocation, the declaration an
 * override applies to; never the key itself).
 */
public final class SqliteKeyStore implements KeyStore {

    private final LedgerDatabase database;

    public SqliteKeyStore(LedgerDatabase database) {
        this.database = database;
    }

    @Override
    public synchronized void save(ApiKey key, String declaration) {
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO api_keys (" + KeyRows.COLUMNS + ") VALUES (" + KeyRows.PLACEHOLDERS + ")")) {
            KeyRows.bind(s, key, declaration);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store API key " + key.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void delete(String id) {
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement("DELETE FROM api_keys WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete API key " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Stored> loadAll() {
        List<Stored> keys = new ArrayList<>();
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                keys.add(KeyRows.read(r));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the API keys: " + e.getMessage(), e);
        }
        return keys;
    }
}
