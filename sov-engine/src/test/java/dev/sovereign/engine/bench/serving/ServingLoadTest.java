package dev.sovereign.engine.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.runner.SovTiny;
import dev.sovereign.engine.server.EngineServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator against our real OpenAI server (sov-tiny on a loopback port): what it counts agrees with the
 * server's own counters in {@code /metrics}, the independent record of what was prefilled and generated.
 */
class ServingLoadTest {

    private static ServingEngine engine;
    private static EngineServer server;

    @BeforeAll
    static void start() {
        engine = new ServingEngine(SovTiny.model(), EngineSettings.defaults("sov-tiny").withMaxModelLen(512)
                .withKvCacheBytes(64L << 20).withThreads(2));
        server = new EngineServer(engine, "127.0.0.1", 0, null);
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    private static URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Test
    void everyRequestGetsExactlyMaxTokensAndTheCountsMatchTheServersMetrics() throws Exception {
        double generatedBefore = metric("vllm:generation_tokens_total");
        List<String> progress = new ArrayList<>();
        ServingLoad.Report report = ServingLoad.run(new ServingLoad.Options(url(), "sov-tiny", Endpoint.COMPLETIONS,
                List.of(1, 3), 48, 12, 5, null, Duration.ofSeconds(60)), progress::add);
        double generated = metric("vllm:generation_tokens_total") - generatedBefore;

        assertThat(report.ignoreEos()).isTrue();
        assertThat(report.levels()).extracting(LevelMetrics::concurrency).containsExactly(1, 3);
        int measured = 0;
        for (LevelMetrics level : report.levels()) {
            assertThat(level.completed()).isEqualTo(5);
            assertThat(level.failed()).isZero();
            assertThat(level.outputTokens()).isEqualTo(5 * 12);
            assertThat(level.shortRequests()).isZero();
            // random words of one id-seeded draw per request: within a few tokens of the size found by probing
            assertThat(level.promptTokensMin()).isBetween(40, 56);
            assertThat(level.promptTokensMax()).isBetween(40, 56);
            assertThat(level.ttfts()).hasSize(5).allMatch(t -> t > 0);
            assertThat(level.tpots()).hasSize(5).allMatch(t -> t > 0);
            assertThat(level.outputThroughput()).isPositive();
            measured += level.outputTokens();
        }
        assertThat(report.sizedPromptTokens()).isBetween(47, 49);
        // the server generated what we counted, plus the warm-up's 12 and one token per sizing probe
        assertThat(generated - measured - 12).isBetween(1.0, 10.0);
        assertThat(progress).anyMatch(line -> line.startsWith("concurrency 3: 5 requests"));
    }

    @Test
    void chatRequestsAreSizedWithTheTemplatesTokens() throws Exception {
        ServingLoad.Report report = ServingLoad.run(new ServingLoad.Options(url(), "sov-tiny", Endpoint.CHAT,
                List.of(2), 64, 6, 2, null, Duration.ofSeconds(60)), line -> { });
        LevelMetrics level = report.levels().getFirst();
        assertThat(level.completed()).isEqualTo(2);
        assertThat(level.outputTokens()).isEqualTo(12);
        assertThat(level.promptTokensMean()).isBetween(56.0, 72.0);
        // each text chunk of our server is one token, so a request has output - 1 gaps
        assertThat(level.itls()).hasSize(2 * 5);
    }

    @Test
    void aServerErrorNamesWhatTheServerSaid() {
        assertThatThrownBy(() -> ServingLoad.run(new ServingLoad.Options(url(), "no-such-model", Endpoint.COMPLETIONS,
                List.of(1), 16, 4, 1, null, Duration.ofSeconds(30)), line -> { }))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("the server answered 404").hasMessageContaining("no-such-model");
    }

    @Test
    void nothingListeningIsOneClearError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThatThrownBy(() -> ServingLoad.run(new ServingLoad.Options(URI.create("http://127.0.0.1:" + port + "/v1"),
                "x", Endpoint.COMPLETIONS, List.of(1), 16, 4, 1, null, Duration.ofSeconds(5)), line -> { }))
                .isInstanceOf(UnreachableServerException.class)
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + " (");
    }

    private static double metric(String name) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\} ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
