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

/** Persists admin-created keys (hash, tenant, models, limits; never the key) in the ledger database. */
public final class KeyStore {

    private final LedgerDatabase database;

    public KeyStore(LedgerDatabase database) {
        this.database = database;
    }

    public synchronized void save(ApiKey key) {
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement(
                "INSERT OR REPLACE INTO api_keys VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
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
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store API key " + key.id() + ": " + e.getMessage(), e);
        }
    }

    public synchronized List<ApiKey> loadAll() {
        List<ApiKey> keys = new ArrayList<>();
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String models = r.getString("allowed_models");
                Set<String> allowed = models.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(models.split(",")));
                Limits limits = new Limits(r.getLong("rpm"), r.getLong("tpm"), r.getInt("concurrent"), r.getLong("token_budget"),
                        r.getDouble("cost_budget"), Duration.ofSeconds(r.getLong("budget_period_s")));
                keys.add(new ApiKey(r.getString("id"), r.getString("hash"), r.getString("tenant"), allowed, limits, "admin",
                        Instant.ofEpochMilli(r.getLong("created_ms")), r.getInt("revoked") == 1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the API keys: " + e.getMessage(), e);
        }
        return keys;
    }
}
