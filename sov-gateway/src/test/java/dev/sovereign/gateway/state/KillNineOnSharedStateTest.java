package dev.sovereign.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.settings.StateSettings;
import dev.sovereign.gateway.support.ChildGateway;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.PostgresSchema;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a gateway replica on the shared state (a real child JVM) killed with -9 under load loses no request it
 * answered, up to the moment it died (the row is committed before the answer's last bytes, ADR 0132), and the
 * reservation of the request it was still running stays charged for the replicas that live on.
 */
@NeedsPostgreSQL
class KillNineOnSharedStateTest {

    static final String KEY = "sk-durable-shared";
    static final long BUDGET = 1_000_000;
    static final int SLOW_MAX_TOKENS = 6000;

    @TempDir
    Path dir;

    static GatewaySettings settings(Path ledger, String schema, FakeUpstream fast, FakeUpstream slow) {
        return new Settings(ledger).backend("fast", fast, "qwen").backend("slow", slow, "slow")
                .key("durable", KEY, Set.of(), new Limits(0, 0, 0, BUDGET, 0, Duration.ofDays(1))).build()
                .withState(new StateSettings(NeedsPostgreSQL.JDBC_URL, NeedsPostgreSQL.USER, null, schema, 4));
    }

    @Test
    void answeredRequestsSurviveKillNineUnderLoadAndTheOpenReservationStaysCharged() throws Exception {
        try (PostgresSchema schema = new PostgresSchema(); FakeUpstream fast = new FakeUpstream("fast");
             FakeUpstream slow = new FakeUpstream("slow")) {
            ChildGateway.Started started = ChildGateway.start(SharedStateChild.class, dir.resolve("child.db").toString(), schema.name);
            Process child = started.process();
            ConcurrentLinkedQueue<Long> answeredAt = new ConcurrentLinkedQueue<>();
            AtomicInteger sent = new AtomicInteger();
            long killedAt;
            try (Gateway survivor = Gateway.start(settings(dir.resolve("survivor.db"), schema.name, fast, slow), Optional.empty())) {
                Http onChild = new Http(started.port());
                // a cold JVM on a loaded machine takes its time over the first requests; the timed part starts warm
                for (int i = 0; i < 5; i++) {
                    assertThat(onChild.post("/v1/chat/completions", KEY, chat("qwen", 10)).statusCode()).isEqualTo(200);
                }
                CompletableFuture.runAsync(() -> {
                    try {
                        onChild.post("/v1/chat/completions", KEY, chat("slow", SLOW_MAX_TOKENS));
                    } catch (RuntimeException ignored) {
                        // the gateway is killed under it
                    }
                });
                try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                    long stopAt = System.nanoTime() + 3_500_000_000L;
                    for (int c = 0; c < 8; c++) {
                        clients.submit(() -> {
                            while (System.nanoTime() < stopAt) {
                                sent.incrementAndGet();
                                try {
                                    if (onChild.post("/v1/chat/completions", KEY, chat("qwen", 10)).statusCode() == 200) {
                                        answeredAt.add(System.nanoTime());
                                    }
                                } catch (RuntimeException killed) {
                                    return;
                                }
                            }
                        });
                    }
                    Thread.sleep(3000);
                    killedAt = System.nanoTime();
                    child.destroyForcibly();
                    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                }

                long rows = schema.queryLong("SELECT COUNT(*) FROM usage WHERE tenant = 'durable'");
                long answered = answeredAt.size();
                long answeredInLastSecond = answeredAt.stream().filter(t -> t > killedAt - 1_000_000_000L).count();
                assertThat(answeredInLastSecond).as("requests answered in the second before the kill").isGreaterThan(10);
                long warmUp = 5;
                // every request the clients saw answered, to the last one, has its row; no row without a request
                assertThat(rows).as("ledger rows of the killed replica").isGreaterThanOrEqualTo(warmUp + answered)
                        .isLessThanOrEqualTo(warmUp + sent.get());

                // the dead replica's open reservation (input + 6000) still counts for the survivor
                long used = schema.queryLong("SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM usage WHERE tenant = 'durable'");
                assertThat(schema.queryLong("SELECT SUM(reserved_tokens) FROM budget_counters")).isGreaterThan(SLOW_MAX_TOKENS);
                assertThat(new Http(survivor.port()).post("/v1/chat/completions", KEY, chat("qwen", (int) BUDGET)).statusCode())
                        .isEqualTo(200);
                long cap = fast.received.getLast().body().path("max_tokens").asLong();
                assertThat(cap).isPositive().isLessThan(BUDGET - used - SLOW_MAX_TOKENS);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    private static String chat(String model, int maxTokens) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + maxTokens
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }
}
