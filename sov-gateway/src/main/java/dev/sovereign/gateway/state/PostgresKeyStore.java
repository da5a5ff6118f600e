package dev.sovereign.gateway.state;

import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.auth.KeyRows;
import dev.sovereign.gateway.auth.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keys every replica shares. Each change moves {@code key_revision} in the same transaction, so a replica that
 * sees the new revision reads the change with it ({@link dev.sovereign.gateway.auth.KeyRefresher}).
 */
final class PostgresKeyStore implements KeyStore {

    private static final String UPSERT = "INSERT INTO api_keys (" + KeyRows.COLUMNS + ") VALUES (" + KeyRows.PLACEHOLDERS + ") "
            + "ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, tenant = EXCLUDED.tenant, "
            + "allowed_models = EXCLUDED.allowed_models, rpm = EXCLUDED.rpm, tpm = EXCLUDED.tpm, concurrent = EXCLUDED.concurrent, "
            + "token_budget = EXCLUDED.token_budget, cost_budget = EXCLUDED.cost_budget, "
            + "budget_period_s = EXCLUDED.budget_period_s, created_ms = EXCLUDED.created_ms, revoked = EXCLUDED.revoked, "
            + "source = EXCLUDED.source, declaration = EXCLUDED.declaration";

    private final DataSource pool;

    PostgresKeyStore(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public void save(ApiKey key, String declaration) {
        change("cannot store API key " + key.id(), UPSERT, s -> KeyRows.bind(s, key, declaration));
    }

    @Override
    public void delete(String id) {
        change("cannot delete API key " + id, "DELETE FROM api_keys WHERE id = ?", s -> s.setString(1, id));
    }

    @Override
    public List<Stored> loadAll() {
        List<Stored> keys = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM api_keys")) {
            while (r.next()) {
                keys.add(KeyRows.read(r));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the API keys: " + e.getMessage(), e);
        }
        return keys;
    }

    @Override
    public long revision() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT revision FROM key_revision WHERE id = 1")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the key revision: " + e.getMessage(), e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void change(String failure, String sql, Binder binder) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql);
                 PreparedStatement bump = c.prepareStatement("UPDATE key_revision SET revision = revision + 1 WHERE id = 1")) {
                binder.bind(s);
                s.executeUpdate();
                bump.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
    }
}
