package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.usage.UsageTotals;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a budget holds against requests that multiply their output ({@code n}, {@code best_of})
 * and against a backend that reports no usage.
 */
class ReservationTest extends OneUpstreamFixture {

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen")
                .key("fan", "sk-fan", Set.of(), budget(1500))
                .key("fan100", "sk-fan100", Set.of(), budget(1500))
                .key("best", "sk-best", Set.of(), budget(1500))
                .key("silent", "sk-silent", Set.of(), budget(300));
    }

    private static Limits budget(long tokens) {
        return new Limits(0, 0, 0, tokens, 0, Duration.ofDays(1));
    }

    @Test
    void requestsWithNFiftyCannotOvershootTheBudget() {
        upstream.spendAllowedOutput = true;
        List<Integer> statuses = send(30, "sk-fan", "\"n\":50,\"max_tokens\":20,");
        long used = used("fan");
        assertThat(used).as("tokens charged against a budget of 1500").isLessThanOrEqualTo(1500).isGreaterThan(500);
        assertThat(statuses).contains(200, 429);
        // each admitted request was capped so that its 50 sequences fit what was left
        upstream.received.stream().filter(r -> r.body().path("n").asInt() == 50)
                .forEach(r -> assertThat(r.body().path("max_tokens").asInt()).isBetween(1, 20));
    }

    @Test
    void nOfOneHundredWithoutMaxTokensIsCappedPerSequence() {
        upstream.spendAllowedOutput = true;
        send(10, "sk-fan100", "\"n\":100,");
        assertThat(used("fan100")).isLessThanOrEqualTo(1500).isGreaterThan(0);
    }

    @Test
    void bestOfIsReservedLikeN() {
        HttpResponse<String> ok = http.post("/v1/completions", "sk-best",
                "{\"model\":\"qwen\",\"prompt\":\"count\",\"best_of\":40,\"max_tokens\":100}");
        assertThat(ok.statusCode()).isEqualTo(200);
        int cap = upstream.received.getLast().body().path("max_tokens").asInt();
        // 1500 tokens minus the input, shared by 40 sequences
        assertThat(cap).isLessThanOrEqualTo(1500 / 40).isGreaterThan(0);
    }

    @Test
    void nAndBestOfThatAreNotPositiveIntegersAre400NamingTheField() {
        HttpResponse<String> badN = http.post("/v1/chat/completions", "sk-fan",
                "{\"model\":\"qwen\",\"n\":-3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(badN.statusCode()).isEqualTo(400);
        assertThat(Http.json(badN).at("/error/param").asText()).isEqualTo("n");
        HttpResponse<String> badBest = http.post("/v1/completions", "sk-best",
                "{\"model\":\"qwen\",\"prompt\":\"x\",\"n\":4,\"best_of\":2}");
        assertThat(badBest.statusCode()).isEqualTo(400);
        assertThat(Http.json(badBest).at("/error/param").asText()).isEqualTo("best_of");
    }

    @Test
    void anAnswerWithoutUsageIsChargedFromWhatWasRelayedNeverZero() {
        upstream.omitUsage = true;
        upstream.spendAllowedOutput = true;
        List<Integer> statuses = send(15, "sk-silent", "\"max_tokens\":40,");
        List<UsageTotals> totals = gateway.ledger().totals("silent", null, null, null);
        long admitted = statuses.stream().filter(s -> s == 200).count();
        assertThat(totals).singleElement().satisfies(t -> {
            // refused requests have rows too, without tokens
            assertThat(t.requests()).isEqualTo(15);
            assertThat(t.inputTokens()).isGreaterThanOrEqualTo(admitted);
            assertThat(t.outputTokens()).isGreaterThanOrEqualTo(admitted * 5);
        });
        assertThat(used("silent")).isLessThanOrEqualTo(300);
        assertThat(statuses).as("a 300-token budget cannot admit all 15").contains(429);
    }

    @Test
    void aStreamWithoutUsageIsChargedOneTokenPerContentEvent() {
        upstream.omitUsage = true;
        upstream.words = 7;
        HttpResponse<String> streamed = http.post("/v1/chat/completions", "sk-silent",
                "{\"model\":\"qwen\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}");
        assertThat(streamed.statusCode()).isEqualTo(200);
        UsageTotals t = gateway.ledger().totals("silent", null, null, null).getFirst();
        // the role chunk, seven words and the finish chunk are content events
        assertThat(t.outputTokens()).isGreaterThanOrEqualTo(7);
        assertThat(t.inputTokens()).isGreaterThan(0);
    }

    private List<Integer> send(int count, String key, String extraFields) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(http.post("/v1/chat/completions", key, "{\"model\":\"qwen\"," + extraFields
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}").statusCode());
        }
        return statuses;
    }

    private long used(String tenant) {
        return gateway.ledger().totals(tenant, null, null, null).stream().mapToLong(t -> t.inputTokens() + t.outputTokens()).sum();
    }
}
