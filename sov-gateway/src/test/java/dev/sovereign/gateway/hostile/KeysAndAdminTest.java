package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.auth.KeyRegistry;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 17: an admin revocation of a key the configuration declares survives restarts until the
 * file changes that key; the admin API validates tenants and limits as the configuration does.
 */
class KeysAndAdminTest {

    private static final String DECLARED = "sk-declared-bob";

    @TempDir
    Path dir;

    private Settings settings(FakeUpstream upstream, Limits bobLimits) {
        return new Settings(dir.resolve("usage.db")).backend("up", upstream, "qwen")
                .key("bob", DECLARED, Set.of(), bobLimits);
    }

    @Test
    void aRevokedDeclaredKeyStaysRevokedAcrossRestartsUntilTheFileChangesIt() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(KeyRegistry.class)).addAppender(log);
        try (FakeUpstream upstream = new FakeUpstream("up")) {
            String id;
            try (Gateway gateway = Gateway.start(settings(upstream, Limits.NONE).build(), Optional.empty())) {
                Http http = new Http(gateway.port());
                assertThat(http.post("/v1/chat/completions", DECLARED, Http.chat("qwen", false)).statusCode()).isEqualTo(200);
                id = gateway.keys().all().stream().filter(k -> k.tenant().equals("bob")).findFirst().orElseThrow().id();
                assertThat(http.delete("/admin/keys/" + id, Settings.ADMIN).statusCode()).isEqualTo(200);
                assertThat(http.post("/v1/chat/completions", DECLARED, Http.chat("qwen", false)).statusCode()).isEqualTo(401);
            }
            try (Gateway restarted = Gateway.start(settings(upstream, Limits.NONE).build(), Optional.empty())) {
                Http http = new Http(restarted.port());
                assertThat(http.post("/v1/chat/completions", DECLARED, Http.chat("qwen", false)).statusCode()).isEqualTo(401);
                JsonNode listed = Http.json(http.get("/admin/keys", Settings.ADMIN));
                assertThat(listed.toString()).contains("\"revoked\":true");
            }
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains(id).contains("stays revoked until its entry in the configuration changes"));
            // the operator edits the key's entry (new limits): the file takes the key back
            try (Gateway edited = Gateway.start(settings(upstream, new Limits(100, 0, 0, 0, 0, null)).build(), Optional.empty())) {
                Http http = new Http(edited.port());
                assertThat(http.post("/v1/chat/completions", DECLARED, Http.chat("qwen", false)).statusCode()).isEqualTo(200);
            }
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains(id).contains("changed since its admin revocation"));
        } finally {
            ((Logger) LoggerFactory.getLogger(KeyRegistry.class)).detachAppender(log);
        }
    }

    @Test
    void adminApiRefusesWhatTheConfigurationWouldRefuseNamingTheField() {
        try (FakeUpstream upstream = new FakeUpstream("up");
             Gateway gateway = Gateway.start(settings(upstream, Limits.NONE).build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            assertBadField(http, "{\"tenant\":\"Evil\\n<script>\"}", "tenant");
            assertBadField(http, "{\"tenant\":\"" + "a".repeat(64) + "\"}", "tenant");
            assertBadField(http, "{\"tenant\":\"team\",\"limits\":{\"tokens_per_minute\":-5}}", "limits.tokens_per_minute");
            assertBadField(http, "{\"tenant\":\"team\",\"limits\":{\"token_budget\":-1}}", "limits.token_budget");
            assertBadField(http, "{\"tenant\":\"team\",\"limits\":{\"cost_budget_usd\":-0.5}}", "limits.cost_budget_usd");
            assertBadField(http, "{\"tenant\":\"team\",\"limits\":{\"budget_period_seconds\":5}}", "limits.budget_period_seconds");
            assertBadField(http, "{\"tenant\":\"team\",\"limits\":{\"token_budjet\":100}}", "limits.token_budjet");
            assertBadField(http, "{\"tenant\":\"team\",\"allowed_models\":[\"\"]}", "allowed_models[0]");
            assertThat(gateway.keys().all()).noneMatch(k -> !k.tenant().equals("alice") && !k.tenant().equals("bob"));
            HttpResponse<String> good = http.post("/admin/keys", Settings.ADMIN,
                    "{\"tenant\":\"team-a.b_c\",\"limits\":{\"tokens_per_minute\":1000,\"cost_budget_usd\":2.5}}");
            assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
        }
    }

    private static void assertBadField(Http http, String body, String field) {
        HttpResponse<String> refused = http.post("/admin/keys", Settings.ADMIN, body);
        assertThat(refused.statusCode()).as(body + " -> " + refused.body()).isEqualTo(400);
        assertThat(Http.json(refused).at("/error/param").asText()).isEqualTo(field);
        assertThat(Http.json(refused).at("/error/type").asText()).isEqualTo("invalid_request_error");
    }
}
