package dev.sovereign.gateway.support;

import dev.sovereign.gateway.settings.StateSettings;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the local test PostgreSQL for one test, so runs never see each other's rows; dropped
 * with everything in it on close. Tests using it carry {@code @NeedsPostgreSQL}.
 */
public final class PostgresSchema implements AutoCloseable {

    public final String name = "sov_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public StateSettings settings() {
        return new StateSettings(NeedsPostgreSQL.JDBC_URL, NeedsPostgreSQL.USER, null, name, 4);
    }

    /** One statement run directly, outside the gateway (to look at or change what it stored). */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, as a long. */
    public long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits (up to 10 s) until {@code sql} answers {@code expected}: a request is accounted just after its answer is
     * sent, and written by the next batch, so what a client saw reaches the tables a little later.
     */
    public long awaitLong(String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long value = queryLong(sql);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = queryLong(sql);
        }
        return value;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(NeedsPostgreSQL.JDBC_URL, NeedsPostgreSQL.USER, null);
        c.setSchema(name);
        return c;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
}
