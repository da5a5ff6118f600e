package dev.sovereign.gateway.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code usage} table as both ledgers (SQLite, PostgreSQL) write and read it: the same columns, the same SQL. */
public final class UsageRows {

    public static final String INSERT = "INSERT INTO usage (at_ms, tenant, key_id, model, upstream_model, backend, operation, "
            + "status, input_tokens, cached_input_tokens, output_tokens, cost_usd, duration_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private static final String TOTALS = """
            SELECT tenant, model, COUNT(*), SUM(input_tokens), SUM(cached_input_tokens), SUM(output_tokens), SUM(cost_usd)
            FROM usage WHERE (CAST(? AS TEXT) IS NULL OR tenant = ?) AND (CAST(? AS TEXT) IS NULL OR model = ?)
            AND at_ms >= ? AND at_ms < ? GROUP BY tenant, model ORDER BY tenant, model""";

    private UsageRows() {
    }

    public static void bind(PreparedStatement s, UsageRecord r) throws SQLException {
        s.setLong(1, r.at().toEpochMilli());
        s.setString(2, r.tenant());
        s.setString(3, r.keyId());
        s.setString(4, r.model());
        s.setString(5, r.upstreamModel());
        s.setString(6, r.backend());
        s.setString(7, r.operation());
        s.setInt(8, r.status());
        s.setLong(9, r.inputTokens());
        s.setLong(10, r.cachedInputTokens());
        s.setLong(11, r.outputTokens());
        s.setDouble(12, r.costUsd());
        s.setLong(13, r.durationMs());
    }

    /** Totals per tenant and model; null filters match everything. */
    public static List<UsageTotals> totals(Connection c, String tenant, String model, Instant from, Instant to) throws SQLException {
        List<UsageTotals> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(TOTALS)) {
            s.setString(1, tenant);
            s.setString(2, tenant);
            s.setString(3, model);
            s.setString(4, model);
            s.setLong(5, from == null ? Long.MIN_VALUE : from.toEpochMilli());
            s.setLong(6, to == null ? Long.MAX_VALUE : to.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new UsageTotals(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            r.getLong(6), r.getDouble(7)));
                }
            }
        }
        return rows;
    }
}
