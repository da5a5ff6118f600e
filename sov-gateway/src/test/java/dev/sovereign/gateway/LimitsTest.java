package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.usage.UsageTotals;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Limits per tenant and key: 429 with Retry-After, and budgets that concurrency cannot overshoot. */
class LimitsTest extends OneUpstreamFixture {

    static final long TOKEN_BUDGET = 3000;
    static final double COST_BUDGET = 0.05;

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen", "paid")
                .price("paid", new Price(10, 0, 100))
                .key("rpm", "sk-rpm", Set.of(), new Limits(3, 0, 0, 0, 0, null))
                .key("conc", "sk-conc", Set.of(), new Limits(0, 0, 2, 0, 0, null))
                .key("budget", "sk-budget", Set.of(), new Limits(0, 0, 0, TOKEN_BUDGET, 0, Duration.ofDays(1)))
                .key("team", "sk-team-a", Set.of(), Limits.NONE)
                .key("team", "sk-team-b", Set.of(), Limits.NONE)
                .tenant("team", new Limits(0, 0, 0, 0, COST_BUDGET, Duration.ofDays(1)));
    }

    @Test
    void requestsPerMinuteAnswer429WithRetryAfterInTheOpenAiShape() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/v1/chat/completions", "sk-rpm", Http.chat("qwen", false)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = http.post("/v1/chat/completions", "sk-rpm", Http.chat("qwen", false));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 21L));
        assertThat(Http.json(limited).at("/error/type").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(Http.json(limited).at("/error/message").asText()).contains("3 requests per minute");
    }

    @Test
    void concurrentRequestsAboveTheLimitAreRefused() throws Exception {
        upstream.answerDelayMs = 400;
        List<Integer> statuses = parallel(6, "sk-conc", "qwen", 10);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(2);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(4);
    }

    @Test
    void tokenBudgetCannotBeOvershotByConcurrentRequests() throws Exception {
        upstream.spendAllowedOutput = true;
        int admitted = 0;
        for (int wave = 0; wave < 4; wave++) {
            admitted += (int) parallel(48, "sk-budget", "qwen", 150).stream().filter(s -> s == 200).count();
        }
        List<UsageTotals> totals = gateway.ledger().totals("budget", null, null, null);
        long used = totals.stream().mapToLong(t -> t.inputTokens() + t.outputTokens()).sum();
        assertThat(admitted).isGreaterThan(3);
        assertThat(used).as("tokens used against a budget of " + TOKEN_BUDGET).isLessThanOrEqualTo(TOKEN_BUDGET);
        // every request asked for 150 output tokens and the upstream spent all it was allowed: caps did the work
        assertThat(used).isGreaterThan(TOKEN_BUDGET / 2);
        HttpResponse<String> refused = http.post("/v1/chat/completions", "sk-budget", maxTokens("qwen", 150));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Http.json(refused).at("/error/message").asText()).contains("budget of 3000 tokens");
    }

    @Test
    void tenantCostBudgetIsSharedByItsKeysAndHolds() throws Exception {
        upstream.spendAllowedOutput = true;
        List<Integer> statuses = new ArrayList<>();
        for (int wave = 0; wave < 3; wave++) {
            statuses.addAll(parallel(24, "sk-team-a", "paid", 100));
            statuses.addAll(parallel(24, "sk-team-b", "paid", 100));
        }
        double cost = gateway.ledger().totals("team", "paid", null, null).stream().mapToDouble(UsageTotals::costUsd).sum();
        assertThat(statuses).contains(200, 429);
        assertThat(cost).isLessThanOrEqualTo(COST_BUDGET + 1e-9).isGreaterThan(COST_BUDGET / 2);
    }

    private static String maxTokens(String model, int max) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":" + max + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    }

    private List<Integer> parallel(int n, String key, String model, int max) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return http.post("/v1/chat/completions", key, maxTokens(model, max)).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        }
    }
}
