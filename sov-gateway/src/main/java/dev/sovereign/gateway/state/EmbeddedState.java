package dev.sovereign.gateway.state;

import dev.sovereign.gateway.auth.KeyStore;
import dev.sovereign.gateway.auth.SqliteKeyStore;
import dev.sovereign.gateway.limits.SharedBudgets;
import dev.sovereign.gateway.usage.LedgerDatabase;
import dev.sovereign.gateway.usage.SqliteUsageLedger;
import dev.sovereign.gateway.usage.UsageLedger;
import java.nio.file.Path;
import java.util.Optional;

/** One replica's state in its own SQLite file (the default): nobody else writes it, so nothing needs watching. */
record EmbeddedState(KeyStore keys, UsageLedger ledger) implements GatewayState {

    static EmbeddedState open(Path file) {
        LedgerDatabase database = new LedgerDatabase(file);
        return new EmbeddedState(new SqliteKeyStore(database), new SqliteUsageLedger(database));
    }

    @Override
    public Optional<SharedBudgets> budgets() {
        return Optional.empty();
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
