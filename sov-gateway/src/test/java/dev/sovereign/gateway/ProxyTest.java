package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.RouteSettings;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forwarding, streaming and routing over real HTTP on loopback, against small real upstreams. */
class ProxyTest {

    @TempDir
    Path dir;
    FakeUpstream primary;
    FakeUpstream canary;
    FakeUpstream spare;
    Gateway gateway;
    Http http;

    @BeforeEach
    void start() {
        primary = new FakeUpstream("primary");
        canary = new FakeUpstream("canary");
        spare = new FakeUpstream("spare");
        URI dead = URI.create("http://127.0.0.1:1");
        gateway = Gateway.start(new Settings(dir.resolve("usage.db"))
                .backend(new BackendSettings("primary", List.of(primary.uri()), "sk-upstream-secret", "openai",
                        List.of("qwen", "embed"), Duration.ofSeconds(5), Map.of("slow", Duration.ofMillis(300)), false))
                .backend("canary", canary, "qwen-canary")
                .backend("spare", spare, "qwen-spare")
                .backend(BackendSettings.simple("dead", dead, List.of("ghost")))
                .route(new RouteSettings("split", List.of(new RouteSettings.Target("primary", "qwen", 50),
                        new RouteSettings.Target("canary", "qwen-canary", 50)), List.of()))
                .route(new RouteSettings("all-canary", List.of(new RouteSettings.Target("primary", "qwen", 0),
                        new RouteSettings.Target("canary", "qwen-canary", 100)), List.of()))
                .route(new RouteSettings("resilient", List.of(new RouteSettings.Target("dead", "ghost", 1)),
                        List.of(new RouteSettings.Target("primary", "qwen", 1))))
                .route(new RouteSettings("slow", List.of(new RouteSettings.Target("primary", "slow", 1)),
                        List.of(new RouteSettings.Target("spare", "qwen-spare", 1))))
                .route(new RouteSettings("slow-only", List.of(new RouteSettings.Target("primary", "slow", 1)), List.of()))
                .alias("coder", "qwen")
                .build(), Optional.empty());
        http = new Http(gateway.port());
    }

    @AfterEach
    void stop() {
        gateway.close();
        primary.close();
        canary.close();
        spare.close();
    }

    @Test
    void chatIsForwardedWithTheBackendCredentialNeverTheClientKey() {
        HttpResponse<String> response = http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).at("/choices/0/message/content").asText()).startsWith("primary");
        assertThat(response.headers().firstValue("x-sov-overhead-ms")).isPresent();
        FakeUpstream.Received received = primary.received.getFirst();
        assertThat(received.headers().get("authorization")).isEqualTo("Bearer sk-upstream-secret");
        assertThat(received.headers().toString()).doesNotContain(Settings.KEY);
        assertThat(received.body().toString()).doesNotContain(Settings.KEY);
    }

    @Test
    void streamIsRelayedEventByEventAndUsageStrippedUnlessAsked() throws Exception {
        primary.words = 6;
        List<String> events = readEvents(http.stream("/v1/chat/completions", Settings.KEY, Http.chat("qwen", true)));
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<String> contents = events.stream().filter(e -> e.contains("\"content\":\"w")).toList();
        assertThat(contents).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(contents.get(i)).contains("\"content\":\"w" + i + " \"");
        }
        assertThat(events).noneMatch(e -> e.contains("\"prompt_tokens\""));
        // the gateway asked for usage upstream although the client did not
        assertThat(primary.received.getLast().body().at("/stream_options/include_usage").asBoolean()).isTrue();

        String asking = "{\"model\":\"qwen\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String> withUsage = readEvents(http.stream("/v1/chat/completions", Settings.KEY, asking));
        assertThat(withUsage.get(withUsage.size() - 2)).contains("\"completion_tokens\":6").contains("\"choices\":[]");
    }

    @Test
    void completionsEmbeddingsAndModelsWork() throws Exception {
        HttpResponse<String> completion = http.post("/v1/completions", Settings.KEY,
                "{\"model\":\"coder\",\"prompt\":\"<|fim_prefix|>def f(<|fim_suffix|><|fim_middle|>\",\"max_tokens\":3}");
        assertThat(completion.statusCode()).isEqualTo(200);
        assertThat(Http.json(completion).at("/choices/0/text").asText()).isEqualTo("primary w0 w1 w2");
        List<String> streamed = readEvents(http.stream("/v1/completions", Settings.KEY,
                "{\"model\":\"qwen\",\"prompt\":\"x\",\"stream\":true,\"max_tokens\":2}"));
        assertThat(streamed).hasSize(3).last().isEqualTo("[DONE]");

        HttpResponse<String> embedding = http.post("/v1/embeddings", Settings.KEY, "{\"model\":\"embed\",\"input\":\"hello\"}");
        assertThat(embedding.statusCode()).isEqualTo(200);
        assertThat(Http.json(embedding).at("/data/0/embedding").size()).isEqualTo(3);

        JsonNode models = Http.json(http.get("/v1/models", Settings.KEY));
        List<String> ids = new ArrayList<>();
        models.get("data").forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("qwen", "embed", "qwen-canary", "split", "coder", "resilient");
        assertThat(http.get("/v1/models", null).statusCode()).isEqualTo(401);
    }

    @Test
    void modelComesFromTheHeaderWhenGivenAndAliasesResolve() {
        HttpResponse<String> viaHeader = http.post("/v1/chat/completions", Settings.KEY,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-ai-eg-model", "qwen-spare");
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(spare.count("/v1/chat/completions")).isEqualTo(1);

        assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("coder", false)).statusCode()).isEqualTo(200);
        assertThat(primary.received.getLast().body().get("model").asText()).isEqualTo("qwen");
    }

    @Test
    void weightedSplitRewritesTheModelPerBackend() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("all-canary", false)).statusCode()).isEqualTo(200);
        }
        assertThat(canary.count("/v1/chat/completions")).isEqualTo(10);
        assertThat(primary.count("/v1/chat/completions")).isZero();
        assertThat(canary.received.getLast().body().get("model").asText()).isEqualTo("qwen-canary");

        for (int i = 0; i < 200; i++) {
            http.post("/v1/chat/completions", Settings.KEY, Http.chat("split", false));
        }
        int toPrimary = primary.count("/v1/chat/completions");
        // 50/50 over 200 draws: outside 60..140 has a probability below 1e-8
        assertThat(toPrimary).isBetween(60, 140);
        assertThat(primary.received.getLast().body().get("model").asText()).isEqualTo("qwen");
    }

    @Test
    void fallbackOnlyWhenTheFailedTargetCannotHaveGenerated() {
        HttpResponse<String> afterDead = http.post("/v1/chat/completions", Settings.KEY, Http.chat("resilient", false));
        assertThat(afterDead.statusCode()).isEqualTo(200);
        assertThat(Http.json(afterDead).at("/choices/0/message/content").asText()).startsWith("primary");

        // a timed-out backend may still be generating: the request is not sent to the spare as well (ADR 0101)
        primary.answerDelayMs = 1000;
        HttpResponse<String> afterTimeout = http.post("/v1/chat/completions", Settings.KEY, Http.chat("slow", false));
        assertThat(afterTimeout.statusCode()).isEqualTo(504);
        assertThat(spare.count("/v1/chat/completions")).isZero();

        HttpResponse<String> timedOut = http.post("/v1/chat/completions", Settings.KEY, Http.chat("slow-only", false));
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(Http.json(timedOut).at("/error/message").asText()).contains("primary").contains("300 ms");

        primary.answerDelayMs = 0;
        primary.failStatus = 500;
        HttpResponse<String> after500 = http.post("/v1/chat/completions", Settings.KEY, Http.chat("slow", false));
        assertThat(after500.statusCode()).isEqualTo(502);
        assertThat(spare.count("/v1/chat/completions")).isZero();

        // 503 means the backend did not take it: retried with backoff, then the spare
        primary.failStatus = 503;
        HttpResponse<String> after503 = http.post("/v1/chat/completions", Settings.KEY, Http.chat("slow", false));
        assertThat(Http.json(after503).at("/choices/0/message/content").asText()).startsWith("spare");
    }

    @Test
    void upstreamDownNamesTheBackend() {
        HttpResponse<String> down = http.post("/v1/chat/completions", Settings.KEY, Http.chat("ghost", false));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(Http.json(down).at("/error/message").asText()).contains("'dead'");

        primary.failStatus = 500;
        HttpResponse<String> broken = http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false));
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(Http.json(broken).at("/error/message").asText()).contains("'primary'").contains("500");
    }

    static List<String> readEvents(HttpResponse<java.io.InputStream> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        }
        return data;
    }
}
