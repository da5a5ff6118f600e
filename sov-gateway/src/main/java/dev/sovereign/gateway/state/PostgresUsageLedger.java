package dev.sovereign.gateway.state;

import dev.sovereign.gateway.usage.BatchedWriter;
import dev.sovereign.gateway.usage.Reservation;
import dev.sovereign.gateway.usage.UsageLedger;
import dev.sovereign.gateway.usage.UsageRecord;
import dev.sovereign.gateway.usage.UsageRows;
import dev.sovereign.gateway.usage.UsageTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage ledger every replica writes. Rows are batched off the request path ({@link BatchedWriter}), a batch as
 * soon as the previous one is committed, so a replica killed with -9 loses only what one commit was writing; each batch
 * also releases the budget reservations of the requests it records, turning them into usage in the shared counters,
 * in the same transaction: the counters and the usage rows never disagree, and a replica killed before writing a
 * request's row leaves that request's whole reservation charged (ADR 0102, 0124).
 */
final class PostgresUsageLedger implements UsageLedger {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresUsageLedger.class);

    private final DataSource pool;
    private final OpenReservations open;
    private final BatchedWriter writer;

    PostgresUsageLedger(DataSource pool, OpenReservations open) {
        this.pool = pool;
        this.open = open;
        this.writer = new BatchedWriter("usage-ledger-writer", true, this::write);
    }

    /** A request's usage and the reservation it settles (null: none). */
    private record Settled(UsageRecord usage, OpenReservations.Open reservation) {
    }

    @Override
    public void record(UsageRecord record) {
        writer.add(new Settled(record, null));
    }

    @Override
    public void record(UsageRecord record, String reservationId) {
        writer.add(new Settled(record, open.take(reservationId)));
    }

    /** The reservation is already in the shared counters: {@link PostgresBudgets} wrote it when it admitted the request. */
    @Override
    public void reserve(Reservation reservation) {
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean awaitWritten() {
        return writer.awaitWritten();
    }

    /** One counter's change in a batch: reservations released, usage added. */
    private static final class Delta {
        long releasedTokens;
        double releasedCost;
        long usedTokens;
        double usedCost;
    }

    private boolean write(List<Object> batch) {
        // Counters are updated in (scope, period) order, the order admissions lock them in: no deadlock between the two.
        Map<OpenReservations.Counter, Delta> deltas = new TreeMap<>();
        for (Object event : batch) {
            Settled settled = (Settled) event;
            if (settled.reservation() == null) {
                continue;
            }
            UsageRecord u = settled.usage();
            for (OpenReservations.Counter counter : settled.reservation().counters()) {
                Delta d = deltas.computeIfAbsent(counter, k -> new Delta());
                d.releasedTokens += settled.reservation().tokens();
                d.releasedCost += settled.reservation().costUsd();
                d.usedTokens += u.inputTokens() + u.outputTokens();
                d.usedCost += u.costUsd();
            }
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(UsageRows.INSERT);
                 PreparedStatement settle = c.prepareStatement("UPDATE budget_counters SET reserved_tokens = reserved_tokens - ?, "
                         + "reserved_cost = reserved_cost - ?, used_tokens = used_tokens + ?, used_cost = used_cost + ? "
                         + "WHERE scope = ? AND period_start = ?")) {
                for (Object event : batch) {
                    UsageRows.bind(insert, ((Settled) event).usage());
                    insert.addBatch();
                }
                insert.executeBatch();
                for (Map.Entry<OpenReservations.Counter, Delta> e : deltas.entrySet()) {
                    Delta d = e.getValue();
                    settle.setLong(1, d.releasedTokens);
                    settle.setDouble(2, d.releasedCost);
                    settle.setLong(3, d.usedTokens);
                    settle.setDouble(4, d.usedCost);
                    settle.setString(5, e.getKey().scope());
                    settle.setLong(6, e.getKey().periodStart());
                    settle.addBatch();
                }
                settle.executeBatch();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.error("usage ledger write of {} rows failed, will retry: {}", batch.size(), e.getMessage());
            return false;
        }
    }

    @Override
    public List<UsageTotals> totals(String tenant, String model, Instant from, Instant to) {
        flush();
        try (Connection c = pool.getConnection()) {
            return UsageRows.totals(c, tenant, model, from, to);
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed: " + e.getMessage(), e);
        }
    }

    /** From the shared counters: settled usage plus every open reservation, of any replica, alive or dead. */
    @Override
    public Spent spentSince(String column, String value, Instant from) {
        String scope = switch (column) {
            case "tenant" -> "tenant:" + value;
            case "key_id" -> "key:" + value;
            default -> throw new IllegalArgumentException(column);
        };
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(used_tokens + reserved_tokens), 0), COALESCE(SUM(used_cost + reserved_cost), 0) "
                        + "FROM budget_counters WHERE scope = ? AND period_start >= ?")) {
            s.setString(1, scope);
            s.setLong(2, from.toEpochMilli());
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
    }
}
