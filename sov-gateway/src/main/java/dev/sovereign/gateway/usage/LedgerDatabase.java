package dev.sovereign.gateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The gateway's embedded SQLite file: the usage ledger and the admin-created API keys. WAL mode
 * lets the batch writer and the admin queries use separate connections without blocking. The
 * file is the owner's alone ({@link PrivateFiles}).
 */
public final class LedgerDatabase {

    private final String url;

    public LedgerDatabase(Path file) {
        PrivateFiles.prepare(file);
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS usage (
                      at_ms INTEGER NOT NULL, tenant TEXT NOT NULL, key_id TEXT NOT NULL, model TEXT NOT NULL,
                      upstream_model TEXT, backend TEXT, operation TEXT NOT NULL, status INTEGER NOT NULL,
                      input_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL,
                      cost_usd REAL NOT NULL, duration_ms INTEGER NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS usage_tenant_time ON usage(tenant, at_ms)");
            s.execute("CREATE INDEX IF NOT EXISTS usage_key_time ON usage(key_id, at_ms)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS reservations (
                      id TEXT PRIMARY KEY, run_id TEXT NOT NULL, at_ms INTEGER NOT NULL, tenant TEXT NOT NULL,
                      key_id TEXT NOT NULL, tokens INTEGER NOT NULL, cost_usd REAL NOT NULL)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS api_keys (
                      id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, tenant TEXT NOT NULL, allowed_models TEXT NOT NULL,
                      rpm INTEGER NOT NULL, tpm INTEGER NOT NULL, concurrent INTEGER NOT NULL, token_budget INTEGER NOT NULL,
                      cost_budget REAL NOT NULL, budget_period_s INTEGER NOT NULL, created_ms INTEGER NOT NULL,
                      revoked INTEGER NOT NULL, source TEXT, declaration TEXT)""");
            addColumnIfMissing(s, "api_keys", "source", "TEXT");
            addColumnIfMissing(s, "api_keys", "declaration", "TEXT");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the usage ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ledgers written by an earlier version lack the newer columns. */
    private static void addColumnIfMissing(Statement s, String table, String column, String type) throws SQLException {
        try (var columns = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (columns.next()) {
                if (columns.getString("name").equals(column)) {
                    return;
                }
            }
        }
        s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
    }

    public Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA synchronous=NORMAL");
        }
        return c;
    }
}
