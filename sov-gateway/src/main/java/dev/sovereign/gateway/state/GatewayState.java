package dev.sovereign.gateway.state;

import dev.sovereign.gateway.auth.KeyStore;
import dev.sovereign.gateway.limits.SharedBudgets;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.usage.UsageLedger;
import java.util.Optional;

/**
 * Where the gateway keeps what must outlive a request: keys and admin changes, budget reservations and the usage
 * ledger. The embedded SQLite file for one replica ({@link EmbeddedState}), or PostgreSQL shared by every replica
 * ({@link PostgresState}) when the configuration has a {@code state} section.
 */
public interface GatewayState extends AutoCloseable {

    KeyStore keys();

    UsageLedger ledger();

    /** Budgets counted where every replica sees them; empty when this process counts its own from its ledger. */
    Optional<SharedBudgets> budgets();

    /** Whether other processes change the keys too, so this one must watch for their changes. */
    boolean shared();

    /** Writes what the ledger holds, then releases the database. */
    @Override
    void close();

    static GatewayState open(GatewaySettings settings) {
        if (settings.state() != null) {
            return PostgresState.open(settings.state());
        }
        if (settings.ledgerPath() == null) {
            throw new IllegalArgumentException("the gateway needs a usage ledger path or a state database");
        }
        return EmbeddedState.open(settings.ledgerPath());
    }
}
