package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.usage.LedgerDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
                "INSERT OR REPLACE INTO api_keys (id, hash, tenant, allowed_models, rpm, tpm, concurrent, token_budget, "
                        + "cost_budget, budget_period_s, created_ms, revoked, source, declaration) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Limits l = key.limits();
            s.setString(1, key.id());
            s.setString(2, key.hash());
            s.setString(3, key.tenant());
            s.setString(4, String.join(",", key.allowedModels()));
            s.setLong(5, l.requestsPerMinute());
            s.setLong(6, l.tokensPerMinute());
            s.setInt(7, l.concurrent());
            s.setLong(8, l.tokenBudget());
            s.setDouble(9, l.costBudgetUsd());
            s.setLong(10, l.budgetPeriod().toSeconds());
            s.setLong(11, key.createdAt().toEpochMilli());
            s.setInt(12, key.revoked() ? 1 : 0);
            s.setString(13, key.source());
            s.setString(14, declaration);
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
                String models = r.getString("allowed_models");
                Set<String> allowed = models.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(models.split(",")));
                Limits limits = new Limits(r.getLong("rpm"), r.getLong("tpm"), r.getInt("concurrent"), r.getLong("token_budget"),
                        r.getDouble("cost_budget"), Duration.ofSeconds(r.getLong("budget_period_s")));
                String source = r.getString("source");
                keys.add(new Stored(new ApiKey(r.getString("id"), r.getString("hash"), r.getString("tenant"), allowed, limits,
                        source == null ? "admin" : source, Instant.ofEpochMilli(r.getLong("created_ms")), r.getInt("revoked") == 1),
                        r.getString("declaration")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the API keys: " + e.getMessage(), e);
        }
        return keys;
    }
}
