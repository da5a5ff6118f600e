package dev.sovereign.gateway.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sovereign.gateway.auth.KeyStore;
import dev.sovereign.gateway.limits.SharedBudgets;
import dev.sovereign.gateway.settings.StateSettings;
import dev.sovereign.gateway.usage.UsageLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state every replica shares in one PostgreSQL schema, through a HikariCP pool: keys (with a revision the
 * replicas poll), budget counters and the usage ledger. The schema is migrated at start ({@link Migrations}).
 */
final class PostgresState implements GatewayState {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresState.class);

    private final HikariDataSource pool;
    private final PostgresKeyStore keys;
    private final PostgresUsageLedger ledger;
    private final PostgresBudgets budgets;

    private PostgresState(HikariDataSource pool) {
        this.pool = pool;
        OpenReservations open = new OpenReservations();
        this.keys = new PostgresKeyStore(pool);
        this.ledger = new PostgresUsageLedger(pool, open);
        this.budgets = new PostgresBudgets(pool, open);
    }

    static PostgresState open(StateSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sov-gateway-state");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setSchema(settings.schema());
        config.setMaximumPoolSize(settings.poolSize());
        // a request waits at most this long for a connection before it is answered 503
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "sov-gateway");
        config.addDataSourceProperty("connectTimeout", "5");
        // a database that stops answering mid-statement (a partition) fails the statement instead of holding a
        // request, or a budget scope's lock, for ever
        config.addDataSourceProperty("socketTimeout", "30");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("gateway.state: cannot connect to " + settings.jdbcUrl().substring("jdbc:".length())
                    + " as " + settings.user() + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            int version = Migrations.apply(c, settings.schema());
            LOG.info("gateway state: PostgreSQL {} schema {} at version {}", settings.jdbcUrl().substring("jdbc:".length()),
                    settings.schema(), version);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException("gateway.state: cannot prepare schema " + settings.schema() + ": " + rootMessage(e), e);
        }
        return new PostgresState(pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public UsageLedger ledger() {
        return ledger;
    }

    @Override
    public Optional<SharedBudgets> budgets() {
        return Optional.of(budgets);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void close() {
        ledger.close();
        pool.close();
    }
}
