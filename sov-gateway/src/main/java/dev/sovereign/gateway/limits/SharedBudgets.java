package dev.sovereign.gateway.limits;

import dev.sovereign.gateway.settings.Limits;
import java.util.List;

/**
 * Budgets every gateway replica shares (a database): a reservation is checked against, and added to, the counts
 * all replicas write, atomically, so replicas together cannot pass a budget. Its release comes with the
 * request's usage row, through the ledger.
 */
public interface SharedBudgets {

    /** A scope with a budget: {@code counter} names its count ({@code tenant:NAME}, {@code key:ID}), {@code name} its messages. */
    record Account(String counter, String name, Limits limits) {
    }

    /**
     * Reserves, in every account at once, the request's input plus {@code outputCap} (lowered to what the tightest
     * account allows) for each of its sequences; returns the output cap per sequence it reserved for.
     *
     * @throws dev.sovereign.api.error.ApiException 429 when an account has no room left
     */
    long reserve(String reservationId, List<Account> accounts, Estimate estimate, long outputCap);
}
