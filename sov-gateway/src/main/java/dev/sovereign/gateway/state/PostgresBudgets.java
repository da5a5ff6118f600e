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
 * Budget reservations every replica sees. One transaction per admitted request: {@code SELECT ... FOR UPDATE} locks
 * the request's counters (key, tenant) in a fixed order, the room is computed from them with the same rule as one
 * replica uses ({@link BudgetRoom}), the reservation is added, and the commit releases the rows. Requests of all
 * replicas on one scope are thereby serialised on its row, and their sum cannot pass the budget (ADR 0124).
 */
final class PostgresBudgets implements SharedBudgets {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBudgets.class);

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
            c.setAutoCommit(false);
            try {
                createMissing(c, counters);
                long cap = outputCap;
                long sequences = estimate.sequences();
                for (Held h : lock(c, counters)) {
                    Account a = byCounter.get(h.counter);
                    long reset = Math.max(1, (h.counter.periodStart() + a.limits().budgetPeriod().toMillis() - now + 999) / 1000);
                    cap = Math.min(cap, BudgetRoom.of(new BudgetRoom.Held(a.name(), a.limits(), h.usedTokens, h.usedCost,
                            h.reservedTokens, h.reservedCost, reset), estimate) / sequences);
                }
                long tokens = estimate.inputTokens() + cap * sequences;
                double cost = estimate.price().cost(estimate.inputTokens(), 0, cap * sequences);
                try (PreparedStatement add = c.prepareStatement("UPDATE budget_counters SET reserved_tokens = reserved_tokens + ?, "
                        + "reserved_cost = reserved_cost + ? WHERE scope = ? AND period_start = ?")) {
                    for (OpenReservations.Counter counter : counters) {
                        add.setLong(1, tokens);
                        add.setDouble(2, cost);
                        add.setString(3, counter.scope());
                        add.setLong(4, counter.periodStart());
                        add.addBatch();
                    }
                    add.executeBatch();
                }
                c.commit();
                created.addAll(counters);
                open.add(reservationId, new OpenReservations.Open(counters, tokens, cost));
                return cap;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            created.removeAll(counters);
            LOG.error("cannot reserve a budget in the shared state: {}", e.getMessage());
            throw unavailable();
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

    /** Locks the counters in (scope, period) order, the order every writer uses, so two transactions never deadlock. */
    private static List<Held> lock(Connection c, List<OpenReservations.Counter> counters) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT scope, period_start, used_tokens, used_cost, reserved_tokens, reserved_cost "
                + "FROM budget_counters WHERE ");
        for (int i = 0; i < counters.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(scope = ? AND period_start = ?)");
        }
        sql.append(" ORDER BY scope, period_start FOR UPDATE");
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
            throw new SQLException("budget counters missing: expected " + counters + ", locked " + held.size());
        }
        held.sort(Comparator.comparing(Held::counter));
        return held;
    }
}
