package dev.sovereign.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the gateway's schema to the version this build knows: numbered SQL files applied in order, each recorded
 * in {@code schema_version}, all in one transaction under an advisory lock, so replicas starting together apply
 * each file once (ADR 0123). A database newer than this build is refused rather than written to.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Versions 1, 2, ... in order; a file is never edited once released, a change is a new file. */
    static final List<String> FILES = List.of("001-gateway-state.sql");

    private Migrations() {
    }

    /** Applies what {@code schema} lacks; returns the version it is at. */
    static int apply(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "sov-gateway-migrations:" + schema);
                lock.execute();
            }
            s.execute("CREATE SCHEMA IF NOT EXISTS " + quoted(schema));
            s.execute("SET LOCAL search_path TO " + quoted(schema));
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, file TEXT NOT NULL, "
                    + "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            int current;
            try (ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                r.next();
                current = r.getInt(1);
            }
            if (current > FILES.size()) {
                throw new IllegalStateException("gateway.state: schema " + schema + " is at version " + current
                        + ", newer than this gateway knows (" + FILES.size() + "); run the newer gateway or another schema");
            }
            for (int version = current + 1; version <= FILES.size(); version++) {
                String file = FILES.get(version - 1);
                s.execute(script(file));
                try (PreparedStatement record = c.prepareStatement("INSERT INTO schema_version (version, file) VALUES (?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, file);
                    record.executeUpdate();
                }
                LOG.info("gateway state: schema {} migrated to version {} ({})", schema, version, file);
            }
            c.commit();
            return FILES.size();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String script(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream("postgresql/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the gateway's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file + ": " + e.getMessage(), e);
        }
    }
}
