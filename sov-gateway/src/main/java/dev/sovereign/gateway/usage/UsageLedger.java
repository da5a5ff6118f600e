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
 * database is never on the request path and an answered request is on disk within a second.
 * {@link #close()} writes what is left: a restart loses nothing that was recorded; a kill -9
 * loses at most the last interval. Budget reservations of running requests are written the same
 * way and removed with their usage row; those a killed gateway left behind count as spent
 * ({@link #spentSince}) when the next one starts (ADR 0102).
 */
public final class UsageLedger implements AutoCloseable {

    static final int BATCH = 1000;
    static final long INTERVAL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(UsageLedger.class);

    private final LedgerDatabase database;
    private final LinkedBlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    /** Tells this run's reservations from those a gateway that died left in the file. */
    private final String runId = java.util.UUID.randomUUID().toString();
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

    /** A request's usage, replacing its reservation. */
    public void record(UsageRecord record, String reservationId) {
        pending.add(record);
        if (reservationId != null) {
            pending.add(new Released(reservationId));
        }
    }

    public void reserve(Reservation reservation) {
        pending.add(reservation);
    }

    private record Released(String id) {
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
        List<Object> batch = new ArrayList<>();
        while (pending.drainTo(batch, BATCH) > 0) {
            if (!write(batch)) {
                return;
            }
            batch.clear();
        }
    }

    private boolean write(List<Object> batch) {
        List<UsageRecord> records = new ArrayList<>();
        java.util.Map<String, Reservation> reserved = new java.util.LinkedHashMap<>();
        List<String> released = new ArrayList<>();
        for (Object event : batch) {
            switch (event) {
                case UsageRecord r -> records.add(r);
                case Reservation r -> reserved.put(r.id(), r);
                case Released r -> {
                    // a request that ended within one interval never needs its reservation on disk
                    if (reserved.remove(r.id()) == null) {
                        released.add(r.id());
                    }
                }
                default -> throw new IllegalStateException("unknown ledger event " + event);
            }
        }
        try (PreparedStatement insertUsage = writerConnection.prepareStatement("INSERT INTO usage VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement insertReservation = writerConnection.prepareStatement(
                     "INSERT OR REPLACE INTO reservations VALUES (?,?,?,?,?,?,?)");
             PreparedStatement deleteReservation = writerConnection.prepareStatement("DELETE FROM reservations WHERE id = ?")) {
            for (UsageRecord r : records) {
                bindUsage(insertUsage, r);
                insertUsage.addBatch();
            }
            for (Reservation r : reserved.values()) {
                insertReservation.setString(1, r.id());
                insertReservation.setString(2, runId);
                insertReservation.setLong(3, r.at().toEpochMilli());
                insertReservation.setString(4, r.tenant());
                insertReservation.setString(5, r.keyId());
                insertReservation.setLong(6, r.tokens());
                insertReservation.setDouble(7, r.costUsd());
                insertReservation.addBatch();
            }
            for (String id : released) {
                deleteReservation.setString(1, id);
                deleteReservation.addBatch();
            }
            insertUsage.executeBatch();
            insertReservation.executeBatch();
            deleteReservation.executeBatch();
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

    private static void bindUsage(PreparedStatement s, UsageRecord r) throws SQLException {
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

    /**
     * Tokens and cost spent since {@code from} by a tenant ({@code column = "tenant"}) or a key ({@code "key_id"}):
     * the usage rows, plus the whole reservations of requests a gateway that died was running (they may have
     * generated up to that much).
     */
    public Spent spentSince(String column, String value, Instant from) {
        if (!column.equals("tenant") && !column.equals("key_id")) {
            throw new IllegalArgumentException(column);
        }
        String sql = "SELECT COALESCE(SUM(t), 0), COALESCE(SUM(c), 0) FROM ("
                + "SELECT input_tokens + output_tokens AS t, cost_usd AS c FROM usage WHERE " + column + " = ? AND at_ms >= ? "
                + "UNION ALL SELECT tokens, cost_usd FROM reservations WHERE " + column + " = ? AND at_ms >= ? AND run_id <> ?)";
        try (Connection c = database.open(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setLong(2, from.toEpochMilli());
            s.setString(3, value);
            s.setLong(4, from.toEpochMilli());
            s.setString(5, runId);
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
