package dev.sovereign.gateway.auth;

import dev.sovereign.gateway.settings.Limits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A stored key as a row of {@code api_keys}, the same columns in SQLite and PostgreSQL (never the key itself).
 */
public final class KeyRows {

    /** The column list {@link #bind} fills, in order. */
    public static final String COLUMNS = "id, hash, tenant, allowed_models, rpm, tpm, concurrent, token_budget, cost_budget, "
            + "budget_period_s, created_ms, revoked, source, declaration";
    public static final String PLACEHOLDERS = "?,?,?,?,?,?,?,?,?,?,?,?,?,?";

    private KeyRows() {
    }

    public static void bind(PreparedStatement s, ApiKey key, String declaration) throws SQLException {
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
        s.setBoolean(12, key.revoked());
        s.setString(13, key.source());
        s.setString(14, declaration);
    }

    public static KeyStore.Stored read(ResultSet r) throws SQLException {
        String models = r.getString("allowed_models");
        Set<String> allowed = models.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(models.split(",")));
        Limits limits = new Limits(r.getLong("rpm"), r.getLong("tpm"), r.getInt("concurrent"), r.getLong("token_budget"),
                r.getDouble("cost_budget"), Duration.ofSeconds(r.getLong("budget_period_s")));
        String source = r.getString("source");
        return new KeyStore.Stored(new ApiKey(r.getString("id"), r.getString("hash"), r.getString("tenant"), allowed, limits,
                source == null ? "admin" : source, Instant.ofEpochMilli(r.getLong("created_ms")), r.getBoolean("revoked")),
                r.getString("declaration"));
    }
}
