package dev.sovereign.gateway.state;

import dev.sovereign.api.error.ApiError;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.gateway.limits.BudgetRoom;
import dev.sovereign.gateway.limits.Estimate;
import dev.sovereign.gateway.limits.SharedBudgets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budget reservations every replica sees. Per admitted request: read the request's counters (key, tenant), compute
 * the room and the output cap with the same rule one replica uses ({@link BudgetRoom}), then add the reservation
 * with {@code UPDATE ... WHERE used + reserved + this <= budget}: the database applies it only if it still fits
 * the row as it is at that moment, so replicas together cannot pass a budget; a request that lost the race reads
 * again. No row lock is held across a round trip to the gateway (ADR 0124).
 */
final class PostgresBudgets implements SharedBudgets {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBudgets.class);

    /** Reads and guarded updates a request tries before it is told to come back (the room moved under it each time). */
    static final int MAX_ATTEMPTS = 20;
    /** Tolerance of the cost guard: the room was computed in doubles, the sum is compared in doubles. */
    private static final String GUARDED_ADD = "UPDATE budget_counters SET reserved_tokens = reserved_tokens + ?, "
            + "reserved_cost = reserved_cost + ? WHERE scope = ? AND period_start = ? "
            + "AND (? = 0 OR used_tokens + reserved_tokens + ? <= ?) "
            + "AND (? = 0 OR used_cost + reserved_cost + ? <= ? + 1e-9)";

    private final DataSource pool;
    private final OpenReservations open;
    /** Counter rows known to exist, so the common request skips the insert. */
    private final Set<OpenReservations.Counter> created = ConcurrentHashMap.newKeySet();

    PostgresBudgets(DataSource pool, OpenReservations open) {
        this.pool = pool;
        this.open = open;
    }

    @Override
    public long reserve(String reservationId, List<Account> accounts, Estimate estimate, long outputCap) {
        long now = System.currentTimeMillis();
        Map<OpenReservations.Counter, Account> byCounter = new HashMap<>();
        for (Account a : accounts) {
            byCounter.put(new OpenReservations.Counter(a.counter(), BudgetRoom.periodStart(a.limits(), now)), a);
        }
        List<OpenReservations.Counter> counters = byCounter.keySet().stream().sorted().toList();
        try (Connection c = pool.getConnection()) {
            createMissing(c, counters);
            created.addAll(counters);
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                long cap = outputCap;
                long sequences = estimate.sequences();
                for (Held h : read(c, counters)) {
                    Account a = byCounter.get(h.counter);
                    long reset = Math.max(1, (h.counter.periodStart() + a.limits().budgetPeriod().toMillis() - now + 999) / 1000);
                    cap = Math.min(cap, BudgetRoom.of(new BudgetRoom.Held(a.name(), a.limits(), h.usedTokens, h.usedCost,
                            h.reservedTokens, h.reservedCost, reset), estimate) / sequences);
                }
                long tokens = estimate.inputTokens() + cap * sequences;
                double cost = estimate.price().cost(estimate.inputTokens(), 0, cap * sequences);
                if (add(c, counters, byCounter, tokens, cost)) {
                    open.add(reservationId, new OpenReservations.Open(counters, tokens, cost));
                    return cap;
                }
                // another request took the room between the read and the update: read again, the cap may shrink
            }
            throw ApiErrors.rateLimited("the budget of " + accounts.getFirst().name() + " is contended by too many requests; "
                    + "try again", 1);
        } catch (SQLException e) {
            created.removeAll(counters);
            LOG.error("cannot reserve a budget in the shared state: {}", e.getMessage());
            throw unavailable();
        }
    }

    /**
     * Adds the reservation to every counter only where it still fits: the guard is in the UPDATE's WHERE, which
     * PostgreSQL evaluates on the row's latest version under its row lock, so two replicas can never both take the
     * last room. One counter: one autocommit statement (the lock lasts the statement). Several: one batch in
     * (scope, period) order and a commit, undone when any counter refused.
     */
    private static boolean add(Connection c, List<OpenReservations.Counter> counters,
                               Map<OpenReservations.Counter, Account> byCounter, long tokens, double cost) throws SQLException {
        boolean several = counters.size() > 1;
        if (several) {
            c.setAutoCommit(false);
        }
        try (PreparedStatement add = c.prepareStatement(GUARDED_ADD)) {
            for (OpenReservations.Counter counter : counters) {
                Account a = byCounter.get(counter);
                add.setLong(1, tokens);
                add.setDouble(2, cost);
                add.setString(3, counter.scope());
                add.setLong(4, counter.periodStart());
                add.setLong(5, a.limits().tokenBudget());
                add.setLong(6, tokens);
                add.setLong(7, a.limits().tokenBudget());
                add.setDouble(8, a.limits().costBudgetUsd());
                add.setDouble(9, cost);
                add.setDouble(10, a.limits().costBudgetUsd());
                add.addBatch();
            }
            boolean fitted = java.util.Arrays.stream(add.executeBatch()).allMatch(n -> n == 1);
            if (several) {
                if (fitted) {
                    c.commit();
                } else {
                    c.rollback();
                }
            }
            return fitted;
        } catch (SQLException e) {
            if (several) {
                c.rollback();
            }
            throw e;
        } finally {
            if (several) {
                c.setAutoCommit(true);
            }
        }
    }

    /** 503: without the shared counts no replica can know what is left, so nothing is admitted against a budget. */
    static ApiException unavailable() {
        return new ApiException(503, new ApiError("the gateway's shared state is unavailable, so budgets cannot be "
                + "reserved; try again shortly", ApiErrors.SERVER, null, "state_unavailable"), 1L);
    }

    private void createMissing(Connection c, List<OpenReservations.Counter> counters) throws SQLException {
        List<OpenReservations.Counter> missing = counters.stream().filter(k -> !created.contains(k)).toList();
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO budget_counters (scope, period_start) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (OpenReservations.Counter counter : missing) {
                insert.setString(1, counter.scope());
                insert.setLong(2, counter.periodStart());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private record Held(OpenReservations.Counter counter, long usedTokens, double usedCost, long reservedTokens,
                        double reservedCost) {
    }

    /** What the counters hold now, without a lock: the guarded update decides. */
    private static List<Held> read(Connection c, List<OpenReservations.Counter> counters) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT scope, period_start, used_tokens, used_cost, reserved_tokens, reserved_cost "
                + "FROM budget_counters WHERE ");
        for (int i = 0; i < counters.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(scope = ? AND period_start = ?)");
        }
        sql.append(" ORDER BY scope, period_start");
        List<Held> held = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < counters.size(); i++) {
                s.setString(2 * i + 1, counters.get(i).scope());
                s.setLong(2 * i + 2, counters.get(i).periodStart());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.add(new Held(new OpenReservations.Counter(r.getString(1), r.getLong(2)), r.getLong(3), r.getDouble(4),
                            r.getLong(5), r.getDouble(6)));
                }
            }
        }
        if (held.size() != counters.size()) {
            throw new SQLException("budget counters missing: expected " + counters + ", found " + held.size());
        }
        held.sort(Comparator.comparing(Held::counter));
        return held;
    }
}
