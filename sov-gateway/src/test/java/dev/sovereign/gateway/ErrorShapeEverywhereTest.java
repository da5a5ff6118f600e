package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every answer that is not a success has the OpenAI error shape, whoever wrote it; one model is readable by id. */
class ErrorShapeEverywhereTest extends OneUpstreamFixture {

    private HttpServer plainText;

    @Override
    protected Settings configure(Settings settings) {
        plainText = plainTextServer();
        return settings.backend("up", upstream, "qwen", "org/coder")
                .backend(BackendSettings.simple("plain", URI.create("http://127.0.0.1:" + plainText.getAddress().getPort()),
                        List.of("bare")))
                .key("bob", "sk-bob", Set.of("qwen", "org/coder", "bare"), Limits.NONE);
    }

    /** A server whose every answer is its framework's own plain-text 404, as an engine without embeddings gives. */
    private static HttpServer plainTextServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] page = "Not Found\n".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(404, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopPlainText() {
        plainText.stop(0);
    }

    private static JsonNode error(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode error = Http.json(response).get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("type").asText()).isNotBlank();
        return error;
    }

    @Test
    void unknownRoutesAnswerTheOpenAiShape() {
        assertThat(error(http.get("/v2/nothing", "sk-bob"), 404).get("message").asText()).contains("GET /v2/nothing");
        assertThat(error(http.post("/v1/nothing", "sk-bob", "{}"), 404).get("message").asText()).contains("POST /v1/nothing");
        error(http.get("/v1/chat/completions", "sk-bob"), 404);
    }

    @Test
    void aPlainTextErrorOfABackendIsWrappedNamingTheBackend() {
        JsonNode error = error(http.post("/v1/embeddings", "sk-bob", "{\"model\":\"bare\",\"input\":\"hello\"}"), 404);
        assertThat(error.get("message").asText()).contains("backend 'plain' answered 404: Not Found");
        assertThat(error.get("code").asText()).isEqualTo("upstream_404");
    }

    @Test
    void anOpenAiShapedErrorOfABackendIsRelayedAsItIs() {
        upstream.failStatus = 400;
        JsonNode error = error(http.post("/v1/chat/completions", "sk-bob", Http.chat("qwen", false)), 400);
        assertThat(error.get("message").asText()).isEqualTo("up is broken");
    }

    @Test
    void oneModelById() {
        HttpResponse<String> qwen = http.get("/v1/models/qwen", "sk-bob");
        assertThat(qwen.statusCode()).as(qwen.body()).isEqualTo(200);
        assertThat(Http.json(qwen).get("id").asText()).isEqualTo("qwen");
        assertThat(Http.json(qwen).get("object").asText()).isEqualTo("model");
        assertThat(Http.json(http.get("/v1/models/org/coder", "sk-bob")).get("id").asText()).isEqualTo("org/coder");

        JsonNode missing = error(http.get("/v1/models/nope", "sk-bob"), 404);
        assertThat(missing.get("code").asText()).isEqualTo("model_not_found");
        assertThat(missing.get("message").asText()).contains("'nope'");
        error(http.get("/v1/models/qwen", "sk-wrong"), 401);
    }
}
