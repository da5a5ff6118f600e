package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.usage.UsageTotals;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad input and faults answer in the OpenAI error shape with the right status, over real HTTP. */
class BadInputTest extends OneUpstreamFixture {

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen", "private")
                .key("bob", "sk-bob", Set.of("qwen"), Limits.NONE).maxBody(4096);
    }

    private static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode error = Http.json(response).get("error");
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(error.has("type")).isTrue();
        return error;
    }

    @Test
    void malformedJsonAndWrongFieldsAre400NamingTheField() {
        assertThat(error(http.post("/v1/chat/completions", Settings.KEY, "{\"model\":"), 400).get("message").asText())
                .contains("not valid JSON");
        JsonNode role = error(http.post("/v1/chat/completions", Settings.KEY,
                "{\"model\":\"qwen\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"), 400);
        assertThat(role.get("param").asText()).isEqualTo("messages[0].role");
        JsonNode missingModel = error(http.post("/v1/chat/completions", Settings.KEY,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 400);
        assertThat(missingModel.get("param").asText()).isEqualTo("model");
        assertThat(error(http.post("/v1/embeddings", Settings.KEY, "{\"model\":\"qwen\"}"), 400).get("param").asText())
                .isEqualTo("input");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void unknownModelIs404NamingIt() {
        JsonNode e = error(http.post("/v1/chat/completions", Settings.KEY, Http.chat("gpt-17", false)), 404);
        assertThat(e.get("message").asText()).contains("'gpt-17'");
        assertThat(e.get("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = Http.chat("qwen", false).replace("hello", "x".repeat(5000));
        assertThat(error(http.post("/v1/chat/completions", Settings.KEY, big), 413).get("message").asText()).contains("4096");
    }

    @Test
    void wrongMissingOrRevokedKeyIs401AndDisallowedModelIs403() {
        assertThat(error(http.post("/v1/chat/completions", "sk-nope", Http.chat("qwen", false)), 401).get("type").asText())
                .isEqualTo("authentication_error");
        assertThat(error(http.post("/v1/chat/completions", null, Http.chat("qwen", false)), 401).get("message").asText())
                .contains("missing API key");
        assertThat(http.post("/v1/chat/completions", "sk-bob", Http.chat("qwen", false)).statusCode()).isEqualTo(200);
        assertThat(error(http.post("/v1/chat/completions", "sk-bob", Http.chat("private", false)), 403).get("message").asText())
                .contains("'private'");
        assertThat(error(http.post("/v1/nothing", Settings.KEY, "{}"), 404).get("message").asText()).contains("/v1/nothing");
    }

    @Test
    void clientLeavingMidStreamCancelsUpstreamAndUsageIsStillRecorded() throws Exception {
        upstream.words = 200;
        upstream.chunkDelayMs = 20;
        // A raw socket, so that closing it is certainly a TCP close the gateway must notice.
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            byte[] body = Http.chat("qwen", true).getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Settings.KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            byte[] some = socket.getInputStream().readNBytes(800);
            assertThat(new String(some, StandardCharsets.UTF_8)).contains("200").contains("data: ");
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (upstream.brokenStreams.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(upstream.brokenStreams.get()).as("the upstream saw its stream cancelled").isEqualTo(1);
        assertThat(upstream.finishedStreams.get()).isZero();
        List<UsageTotals> totals = gateway.ledger().totals("alice", "qwen", null, null);
        assertThat(totals).hasSize(1);
        assertThat(totals.getFirst().outputTokens()).isBetween(1L, 199L);
    }
}
