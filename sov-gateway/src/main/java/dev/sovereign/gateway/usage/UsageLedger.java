package dev.sovereign.gateway.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger. Requests only enqueue their record; one writer thread inserts them in
 * batches of up to {@value #BATCH} rows per transaction every {@value #INTERVAL_MS} ms, so the
 * database is never on the request path. {@link #close()} writes what is left: a restart loses
 * nothing that was recorded.
 */
public final class UsageLedger implements AutoCloseable {

    static final int BATCH = 1000;
    static final long INTERVAL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);

    private final LedgerDatabase database;
    private final LinkedBlockingQueue<UsageRecord> pending = new LinkedBlockingQueue<>();
    private final Connection writerConnection;
    private final Thread writer;
    private volatile boolean running = true;

    public UsageLedger(LedgerDatabase database) {
        this.database = database;
        try {
            this.writerConnection = database.open();
            this.writerConnection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the usage ledger: " + e.getMessage(), e);
        }
        this.writer = Thread.ofPlatform().daemon().name("usage-ledger-writer").start(this::loop);
    }

    public void record(UsageRecord record) {
        pending.add(record);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }

    /** Writes everything enqueued so far before returning (the writer, admin queries, shutdown). */
    public synchronized void flush() {
        List<UsageRecord> batch = new ArrayList<>();
        while (pending.drainTo(batch, BATCH) > 0) {
            if (!write(batch)) {
                return;
            }
            batch.clear();
        }
    }

    private boolean write(List<UsageRecord> batch) {
        try (PreparedStatement s = writerConnection.prepareStatement(
                "INSERT INTO usage VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (UsageRecord r : batch) {
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
                s.addBatch();
            }
            s.executeBatch();
            writerConnection.commit();
            return true;
        } catch (SQLException e) {
            // Keep the rows: they go back in the queue and the next batch tries again.
            LOG.error("usage ledger write of {} rows failed, will retry: {}", batch.size(), e.getMessage());
            pending.addAll(batch);
            try {
                writerConnection.rollback();
            } catch (SQLException ignored) {
                // the next commit attempt reports a broken connection again
            }
            return false;
        }
    }

    /** Totals per tenant and model; null filters match everything. */
    public List<UsageTotals> totals(String tenant, String model, Instant from, Instant to) {
        flush();
        String sql = """
                SELECT tenant, model, COUNT(*), SUM(input_tokens), SUM(cached_input_tokens), SUM(output_tokens), SUM(cost_usd)
                FROM usage WHERE (? IS NULL OR tenant = ?) AND (? IS NULL OR model = ?) AND at_ms >= ? AND at_ms < ?
                GROUP BY tenant, model ORDER BY tenant, model""";
        List<UsageTotals> rows = new ArrayList<>();
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement(sql)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Tokens and cost spent since {@code from} by a tenant ({@code column = "tenant"}) or a key ({@code "key_id"}). */
    public Spent spentSince(String column, String value, Instant from) {
        if (!column.equals("tenant") && !column.equals("key_id")) {
            throw new IllegalArgumentException(column);
        }
        String sql = "SELECT COALESCE(SUM(input_tokens + output_tokens), 0), COALESCE(SUM(cost_usd), 0) FROM usage WHERE "
                + column + " = ? AND at_ms >= ?";
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setLong(2, from.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Spent(r.getLong(1), r.getDouble(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed: " + e.getMessage(), e);
        }
    }

    public record Spent(long tokens, double costUsd) {
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        try {
            writerConnection.close();
        } catch (SQLException e) {
            LOG.warn("closing the usage ledger: {}", e.getMessage());
        }
    }
}
