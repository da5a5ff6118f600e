package dev.sovereign.gateway.limits;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An admitted request's reservation. {@link #outputCap()} is the max_tokens the request must be
 * sent with so it cannot outspend its budget (null: no cap needed). {@link #settle} replaces the
 * reservation with what was used and frees the concurrency slot; it runs once.
 */
public final class Ticket {

    private final List<Scope> scopes;
    private final long reservedTokens;
    private final double reservedCost;
    private final long chargedTpm;
    private final Integer outputCap;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Only a reservation needs a name (a random UUID); null otherwise (one per request would cost every request). */
    private final String id;

    Ticket(List<Scope> scopes, long reservedTokens, double reservedCost, long chargedTpm, Integer outputCap, String id) {
        this.scopes = scopes;
        this.reservedTokens = reservedTokens;
        this.reservedCost = reservedCost;
        this.chargedTpm = chargedTpm;
        this.outputCap = outputCap;
        this.id = id;
    }

    /** Names the reservation in the ledger until its usage replaces it; null when nothing was reserved. */
    public String id() {
        return id;
    }

    /** Whether a budget reservation was made (and written to the ledger). */
    public boolean reserves() {
        return reservedTokens > 0 || reservedCost > 0;
    }

    public double reservedCost() {
        return reservedCost;
    }

    public Integer outputCap() {
        return outputCap;
    }

    public long reservedTokens() {
        return reservedTokens;
    }

    public void settle(long usedTokens, double usedCost) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        for (Scope scope : scopes) {
            scope.settle(reservedTokens, reservedCost, chargedTpm, usedTokens, usedCost);
        }
    }
}
