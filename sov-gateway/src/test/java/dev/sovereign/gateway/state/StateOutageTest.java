package dev.sovereign.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.PostgresSchema;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.testing.NeedsPostgreSQL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the shared state fails: a budgeted request is refused with 503 in the OpenAI shape (no replica can know
 * what is left), requests without a budget are still served, and usage rows the database refused are kept and
 * written once it answers again.
 */
@NeedsPostgreSQL
class StateOutageTest {

    @TempDir
    Path dir;

    @Test
    void budgetsFailClosedAndRecordedUsageWaitsForTheDatabase() throws Exception {
        try (PostgresSchema schema = new PostgresSchema(); FakeUpstream upstream = new FakeUpstream("up");
             Gateway gateway = Gateway.start(new Settings(dir.resolve("unused.db")).backend("up", upstream, "qwen")
                     .key("capped", "sk-capped", Set.of(), new Limits(0, 0, 0, 100_000, 0, Duration.ofDays(1))).build()
                     .withState(schema.settings()), Optional.empty())) {
            Http http = new Http(gateway.port());
            assertThat(http.post("/v1/chat/completions", "sk-capped", Http.chat("qwen", false)).statusCode()).isEqualTo(200);

            schema.execute("ALTER TABLE budget_counters RENAME TO budget_counters_away");
            schema.execute("ALTER TABLE usage RENAME TO usage_away");
            HttpResponse<String> refused = http.post("/v1/chat/completions", "sk-capped", Http.chat("qwen", false));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(Http.json(refused).at("/error/code").asText()).isEqualTo("state_unavailable");
            assertThat(refused.headers().firstValue("retry-after")).isPresent();
            // a key without a budget needs no shared count: served, its usage row queued until the table is back
            for (int i = 0; i < 3; i++) {
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false)).statusCode()).isEqualTo(200);
            }
            Thread.sleep(600); // the writer tries, and fails, at least twice while the table is away

            schema.execute("ALTER TABLE usage_away RENAME TO usage");
            schema.execute("ALTER TABLE budget_counters_away RENAME TO budget_counters");
            assertThat(schema.awaitLong("SELECT COUNT(*) FROM usage WHERE tenant = 'alice'", 3)).isEqualTo(3);
            assertThat(http.post("/v1/chat/completions", "sk-capped", Http.chat("qwen", false)).statusCode()).isEqualTo(200);
            // the refused request is on the ledger too, with its status, as every refusal after routing is
            assertThat(schema.awaitLong("SELECT COUNT(*) FROM usage WHERE tenant = 'capped'", 3)).isEqualTo(3);
            assertThat(schema.queryLong("SELECT COUNT(*) FROM usage WHERE tenant = 'capped' AND status = 503")).isEqualTo(1);
            assertThat(schema.queryLong("SELECT reserved_tokens FROM budget_counters")).isZero();
        }
    }
}
