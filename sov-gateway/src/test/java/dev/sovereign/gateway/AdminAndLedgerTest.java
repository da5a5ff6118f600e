package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API and the usage ledger, across a restart of the gateway. */
class AdminAndLedgerTest {

    @TempDir
    Path dir;
    FakeUpstream upstream;
    Settings settings;

    @BeforeEach
    void start() {
        upstream = new FakeUpstream("up");
        settings = new Settings(dir.resolve("usage.db")).backend("up", upstream, "qwen", "llama")
                .price("qwen", new Price(1_000_000, 100_000, 2_000_000));
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    @Test
    void adminCreatesListsAndRevokesKeysThatSurviveRestartsAndAreStoredHashed() throws Exception {
        String secret;
        String id;
        try (Gateway gateway = Gateway.start(settings.build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            assertThat(http.post("/admin/keys", Settings.KEY, "{\"tenant\":\"carol\"}").statusCode()).isEqualTo(401);
            assertThat(Http.json(http.post("/admin/keys", Settings.ADMIN, "{}")).at("/error/param").asText()).isEqualTo("tenant");
            JsonNode created = Http.json(http.post("/admin/keys", Settings.ADMIN,
                    "{\"tenant\":\"carol\",\"allowed_models\":[\"llama\"],\"limits\":{\"requests_per_minute\":100}}"));
            secret = created.get("key").asText();
            id = created.get("id").asText();
            assertThat(secret).startsWith("sk-sov-");
            assertThat(http.post("/v1/chat/completions", secret, Http.chat("llama", false)).statusCode()).isEqualTo(200);
            assertThat(http.post("/v1/chat/completions", secret, Http.chat("qwen", false)).statusCode()).isEqualTo(403);
            JsonNode listed = Http.json(http.get("/admin/keys", Settings.ADMIN));
            assertThat(listed.toString()).contains(id).contains("carol").doesNotContain(secret);
        }
        byte[] database = Files.readAllBytes(dir.resolve("usage.db"));
        assertThat(new String(database, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        try (Gateway gateway = Gateway.start(settings.build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            assertThat(http.post("/v1/chat/completions", secret, Http.chat("llama", false)).statusCode()).isEqualTo(200);
            assertThat(http.delete("/admin/keys/" + id, Settings.ADMIN).statusCode()).isEqualTo(200);
            assertThat(http.post("/v1/chat/completions", secret, Http.chat("llama", false)).statusCode()).isEqualTo(401);
            assertThat(http.delete("/admin/keys/key_nothing", Settings.ADMIN).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void usageIsCountedPricedAndKeptAcrossARestart() {
        upstream.words = 4;
        try (Gateway gateway = Gateway.start(settings.build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            for (int i = 0; i < 3; i++) {
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false)).statusCode()).isEqualTo(200);
            }
            http.post("/v1/chat/completions", Settings.KEY, Http.chat("llama", true));
        }
        // the gateway is closed before the writer's next batch: only the shutdown flush can have written these
        try (Gateway gateway = Gateway.start(settings.build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            JsonNode usage = Http.json(http.get("/admin/usage?tenant=alice&model=qwen", Settings.ADMIN));
            JsonNode qwen = usage.at("/data/0");
            assertThat(qwen.get("requests").asLong()).isEqualTo(3);
            assertThat(qwen.get("output_tokens").asLong()).isEqualTo(12);
            assertThat(qwen.get("cached_input_tokens").asLong()).isEqualTo(6);
            long input = qwen.get("input_tokens").asLong();
            double expected = ((input - 6) * 1.0 + 6 * 0.1 + 12 * 2.0);
            assertThat(qwen.get("cost_usd").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            JsonNode all = Http.json(http.get("/admin/usage?from=2000-01-01", Settings.ADMIN));
            assertThat(all.get("data").size()).isEqualTo(2);
            assertThat(all.at("/data/0/model").asText()).isEqualTo("llama");
            assertThat(all.at("/data/0/output_tokens").asLong()).isEqualTo(4);
            assertThat(Http.json(http.get("/admin/usage?to=2000-01-01", Settings.ADMIN)).get("data").size()).isZero();
            assertThat(Http.json(http.get("/admin/usage?from=yesterday", Settings.ADMIN)).at("/error/param").asText()).isEqualTo("from");
        }
    }
}
