package dev.sovereign.gateway.usage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger in the embedded SQLite file (one replica), written in batches ({@link BatchedWriter}): a request
 * waits for its row's commit before it answers (group commit with the requests beside it), so a kill -9 loses no
 * answered request; reservations of running requests are written with the next batch and removed with their usage
 * row; those a killed gateway left behind count as spent ({@link #spentSince}) when the next one starts (ADR 0102,
 * 0132).
 */
public final class SqliteUsageLedger implements UsageLedger {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteUsageLedger.class);

    private final LedgerDatabase database;
    /** Tells this run's reservations from those a gateway that died left in the file. */
    private final String runId = java.util.UUID.randomUUID().toString();
    private final Connection writerConnection;
    private final BatchedWriter writer;

    public SqliteUsageLedger(LedgerDatabase database) {
        this.database = database;
        try {
            this.writerConnection = database.open();
            this.writerConnection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the usage ledger: " + e.getMessage(), e);
        }
        this.writer = new BatchedWriter("usage-ledger-writer", false, this::write);
    }

    @Override
    public void record(UsageRecord record) {
        writer.add(record);
    }

    @Override
    public void record(UsageRecord record, String reservationId) {
        writer.add(record);
        if (reservationId != null) {
            writer.add(new Released(reservationId));
        }
    }

    @Override
    public void reserve(Reservation reservation) {
        writer.add(reservation);
    }

    private record Released(String id) {
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean awaitWritten() {
        return writer.awaitWritten();
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
        try (PreparedStatement insertUsage = writerConnection.prepareStatement(UsageRows.INSERT);
             PreparedStatement insertReservation = writerConnection.prepareStatement(
                     "INSERT OR REPLACE INTO reservations VALUES (?,?,?,?,?,?,?)");
             PreparedStatement deleteReservation = writerConnection.prepareStatement("DELETE FROM reservations WHERE id = ?")) {
            for (UsageRecord r : records) {
                UsageRows.bind(insertUsage, r);
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
            try {
                writerConnection.rollback();
            } catch (SQLException ignored) {
                // the next commit attempt reports a broken connection again
            }
            return false;
        }
    }

    @Override
    public List<UsageTotals> totals(String tenant, String model, Instant from, Instant to) {
        flush();
        try (Connection c = database.open()) {
            return UsageRows.totals(c, tenant, model, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed: " + e.getMessage(), e);
        }
    }

    /**
     * The usage rows, plus the whole reservations of requests a gateway that died was running (they may have
     * generated up to that much).
     */
    @Override
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

    @Override
    public void close() {
        writer.close();
        try {
            writerConnection.close();
        } catch (SQLException e) {
            LOG.warn("closing the usage ledger: {}", e.getMessage());
        }
    }
}
