package dev.sovereign.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.gateway.settings.StateSettings;
import dev.sovereign.gateway.support.PostgresSchema;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shared schema is created and versioned once, however many replicas start at the same moment. */
@NeedsPostgreSQL
class MigrationsTest {

    @Test
    void replicasStartingTogetherApplyEachVersionOnce() throws Exception {
        try (PostgresSchema schema = new PostgresSchema()) {
            CountDownLatch start = new CountDownLatch(1);
            List<PostgresState> states = new ArrayList<>();
            try (ExecutorService replicas = Executors.newFixedThreadPool(3)) {
                List<Future<PostgresState>> opened = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    opened.add(replicas.submit(() -> {
                        start.await();
                        return PostgresState.open(schema.settings());
                    }));
                }
                start.countDown();
                for (Future<PostgresState> f : opened) {
                    states.add(f.get());
                }
            } finally {
                states.forEach(PostgresState::close);
            }
            assertThat(states).hasSize(3);
            assertThat(schema.queryLong("SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.FILES.size());
            assertThat(schema.queryLong("SELECT MAX(version) FROM schema_version")).isEqualTo(Migrations.FILES.size());
            // a restart finds nothing to do
            PostgresState.open(schema.settings()).close();
            assertThat(schema.queryLong("SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.FILES.size());
        }
    }

    @Test
    void aSchemaNewerThanThisGatewayIsRefusedNotWritten() {
        try (PostgresSchema schema = new PostgresSchema()) {
            PostgresState.open(schema.settings()).close();
            schema.execute("INSERT INTO schema_version (version, file) VALUES (99, '099-from-the-future.sql')");
            assertThatThrownBy(() -> PostgresState.open(schema.settings()))
                    .hasMessageContaining("schema " + schema.name + " is at version 99, newer than this gateway knows");
        }
    }

    @Test
    void anUnreachableDatabaseStopsStartUpNamingIt() {
        StateSettings nowhere = new StateSettings("jdbc:postgresql://127.0.0.1:1/test", "postgres", "secret-pw", "sov_gateway", 2);
        assertThatThrownBy(() -> PostgresState.open(nowhere))
                .hasMessageStartingWith("gateway.state: cannot connect to postgresql://127.0.0.1:1/test as postgres")
                .hasMessageNotContaining("secret-pw");
        assertThat(nowhere.toString()).doesNotContain("secret-pw");
    }
}
