package dev.sovereign.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.PostgresSchema;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.usage.UsageTotals;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: two real gateway servers on one PostgreSQL schema share budgets (200 concurrent requests over both
 * never pass one), keys and revocations (refused by the other within a second) and the usage ledger. The same
 * load on two gateways with their own SQLite files does pass the budget: the shared counters are what holds it.
 */
@NeedsPostgreSQL
class TwoGatewaysTest {

    static final String BUDGETED = "sk-shared-budget";
    static final long BUDGET = 10_000;

    @TempDir
    Path dir;

    private final PostgresSchema schema = new PostgresSchema();
    private FakeUpstream upstream;

    @BeforeEach
    void upstream() {
        upstream = new FakeUpstream("up");
        upstream.spendAllowedOutput = true;
    }

    @AfterEach
    void cleanUp() {
        upstream.close();
        schema.close();
    }

    static final double TEAM_COST_BUDGET = 0.5;
    static final long TEAM_A_TOKENS = 4000;

    private GatewaySettings settings(String ledgerName) {
        return new Settings(dir.resolve(ledgerName)).backend("up", upstream, "qwen")
                .key("shared", BUDGETED, Set.of(), new Limits(0, 0, 0, BUDGET, 0, Duration.ofDays(1)))
                .price("qwen", new Price(10, 0, 100))
                .key("team", "sk-team-a", Set.of(), new Limits(0, 0, 0, TEAM_A_TOKENS, 0, Duration.ofDays(1)))
                .key("team", "sk-team-b", Set.of(), Limits.NONE)
                .tenant("team", new Limits(0, 0, 0, 0, TEAM_COST_BUDGET, Duration.ofDays(1))).build();
    }

    @Test
    void twoHundredConcurrentRequestsOverTwoGatewaysNeverPassTheBudget() throws Exception {
        try (Gateway a = Gateway.start(settings("a.db").withState(schema.settings()), Optional.empty());
             Gateway b = Gateway.start(settings("b.db").withState(schema.settings()), Optional.empty())) {
            int[] admitted = burst(a, b);
            assertThat(admitted[0]).as("admitted by gateway a").isPositive();
            assertThat(admitted[1]).as("admitted by gateway b").isPositive();
            // every admitted request settles its reservation when its usage row is written
            assertThat(schema.awaitLong("SELECT reserved_tokens FROM budget_counters", 0)).isZero();
            long used = usedTokens(b.ledger().totals("shared", null, null, null));
            assertThat(used).as("tokens used over both gateways against a budget of " + BUDGET).isLessThanOrEqualTo(BUDGET);
            // every request asked for 150 output tokens and the upstream spent all it was allowed: the caps did the work
            assertThat(used).isGreaterThan(BUDGET / 2);
            assertThat(usedTokens(a.ledger().totals("shared", null, null, null))).as("both see one ledger").isEqualTo(used);
            // the counters and the usage rows are written in one transaction: they agree
            assertThat(schema.queryLong("SELECT used_tokens FROM budget_counters")).isEqualTo(used);
            // what is left is what the next request may spend, whichever gateway it reaches
            if (new Http(b.port()).post("/v1/chat/completions", BUDGETED, chat(150)).statusCode() == 200) {
                assertThat(upstream.received.getLast().body().path("max_tokens").asLong()).isLessThan(BUDGET - used);
            }
        }
    }

    @Test
    void aTenantCostBudgetAndAKeyTokenBudgetHoldTogetherOverTwoGateways() throws Exception {
        try (Gateway a = Gateway.start(settings("a.db").withState(schema.settings()), Optional.empty());
             Gateway b = Gateway.start(settings("b.db").withState(schema.settings()), Optional.empty())) {
            // four kinds of request: each key on each gateway; key a reserves in its own counter and the tenant's at once
            int[] admitted = burst(a, b, i -> i % 4 < 2 ? "sk-team-a" : "sk-team-b");
            assertThat(admitted[0] + admitted[1]).isGreaterThan(4);
            assertThat(schema.awaitLong("SELECT SUM(reserved_tokens) FROM budget_counters", 0)).isZero();
            List<UsageTotals> team = a.ledger().totals("team", null, null, null);
            double cost = team.stream().mapToDouble(UsageTotals::costUsd).sum();
            assertThat(cost).as("team's cost against " + TEAM_COST_BUDGET + " USD").isLessThanOrEqualTo(TEAM_COST_BUDGET + 1e-9)
                    .isGreaterThan(TEAM_COST_BUDGET / 2);
            long keyA = schema.queryLong("SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM usage WHERE key_id = '"
                    + a.keys().all().stream().filter(k -> k.limits().tokenBudget() == TEAM_A_TOKENS).findFirst().orElseThrow().id() + "'");
            assertThat(keyA).as("key a's tokens against " + TEAM_A_TOKENS).isLessThanOrEqualTo(TEAM_A_TOKENS);
        }
    }

    @Test
    void theSameLoadOnTwoSeparateFilesPassesTheBudget() throws Exception {
        try (Gateway a = Gateway.start(settings("a.db"), Optional.empty());
             Gateway b = Gateway.start(settings("b.db"), Optional.empty())) {
            burst(a, b);
            long used = usedTokens(a.ledger().totals("shared", null, null, null))
                    + usedTokens(b.ledger().totals("shared", null, null, null));
            assertThat(used).as("each replica spends the whole budget on its own").isGreaterThan(BUDGET);
        }
    }

    @Test
    void aKeyRevokedOnOneGatewayIsRefusedByTheOtherWithinASecond() throws Exception {
        try (Gateway a = Gateway.start(settings("a.db").withState(schema.settings()), Optional.empty());
             Gateway b = Gateway.start(settings("b.db").withState(schema.settings()), Optional.empty())) {
            Http onA = new Http(a.port());
            Http onB = new Http(b.port());
            // a key the admin API creates on one gateway works on the other
            var created = Http.json(onA.post("/admin/keys", Settings.ADMIN, "{\"tenant\":\"carol\"}"));
            String key = created.path("key").asText();
            assertThat(waitForStatus(onB, key, 200)).isLessThan(1000);

            assertThat(onA.delete("/admin/keys/" + created.path("id").asText(), Settings.ADMIN).statusCode()).isEqualTo(200);
            long revokedAfterMs = waitForStatus(onB, key, 401);
            assertThat(revokedAfterMs).as("ms until the other gateway refused the revoked key").isLessThan(1000);

            // a key the configuration declares, revoked on b: refused by a, and still revoked by a third replica
            String declared = b.keys().all().stream().filter(k -> k.tenant().equals("shared")).findFirst().orElseThrow().id();
            assertThat(onB.delete("/admin/keys/" + declared, Settings.ADMIN).statusCode()).isEqualTo(200);
            assertThat(waitForStatus(onA, BUDGETED, 401)).isLessThan(1000);
            try (Gateway c = Gateway.start(settings("c.db").withState(schema.settings()), Optional.empty())) {
                assertThat(new Http(c.port()).post("/v1/chat/completions", BUDGETED, chat(10)).statusCode()).isEqualTo(401);
            }
        }
    }

    /** Milliseconds until {@code key} gets {@code status} from {@code http}, polling every 20 ms; fails after 5 s. */
    private static long waitForStatus(Http http, String key, int status) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 5_000_000_000L) {
            if (http.post("/v1/chat/completions", key, chat(10)).statusCode() == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + status + " within 5 s");
    }

    private static int[] burst(Gateway a, Gateway b) throws Exception {
        return burst(a, b, i -> BUDGETED);
    }

    /** 200 requests at once, alternating between the two gateways, request i with key {@code keys(i)}; how many each admitted. */
    private static int[] burst(Gateway a, Gateway b, java.util.function.IntFunction<String> keys) throws Exception {
        Http[] gateways = {new Http(a.port()), new Http(b.port())};
        int[] admitted = new int[2];
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Http target = gateways[i % 2];
                String key = keys.apply(i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return postRetryingConnects(target, key);
                }));
            }
            start.countDown();
            for (int i = 0; i < statuses.size(); i++) {
                int status = statuses.get(i).get();
                assertThat(status).isIn(200, 429);
                if (status == 200) {
                    admitted[i % 2]++;
                }
            }
        }
        return admitted;
    }

    /**
     * One request; a connection the loaded machine did not accept within the client's 5 s is tried again (nothing
     * was sent on it, so nothing can be counted twice).
     */
    private static int postRetryingConnects(Http target, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return target.post("/v1/chat/completions", key, chat(150)).statusCode();
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.net.http.HttpConnectTimeoutException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static long usedTokens(List<UsageTotals> totals) {
        return totals.stream().mapToLong(t -> t.inputTokens() + t.outputTokens()).sum();
    }

    static String chat(int maxTokens) {
        return "{\"model\":\"qwen\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }
}
