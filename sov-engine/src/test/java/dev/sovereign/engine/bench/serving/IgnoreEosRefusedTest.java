package dev.sovereign.engine.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that refuses {@code ignore_eos} as OpenAI's own API does (400, "Unrecognized request argument supplied"),
 * and whose answers stop at an end of sequence before max_tokens. OpenAI's API cannot run here, so a loopback server
 * with its rule stands in: prompt tokens are one per word, answers three tokens.
 */
class IgnoreEosRefusedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void isMeasuredWithoutItAndTheShortRequestsAreCounted() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", IgnoreEosRefusedTest::answer);
        server.start();
        try {
            List<String> progress = new ArrayList<>();
            ServingLoad.Report report = ServingLoad.run(new ServingLoad.Options(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "strict", Endpoint.COMPLETIONS,
                    List.of(2), 30, 8, 4, "sk-test", Duration.ofSeconds(10)), progress::add);
            assertThat(report.ignoreEos()).isFalse();
            assertThat(progress).anyMatch(l -> l.startsWith("the server refuses ignore_eos (the server answered 400: "
                    + "Unrecognized request argument supplied: ignore_eos)"));
            LevelMetrics level = report.levels().getFirst();
            assertThat(level.completed()).isEqualTo(4);
            assertThat(level.outputTokens()).isEqualTo(4 * 3);
            assertThat(level.shortRequests()).isEqualTo(4);
            assertThat(level.promptTokensMean()).isEqualTo(30.0);
            assertThat(ServingReport.markdown(report)).contains("ignore_eos refused by the server");
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        if (!"Bearer sk-test".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":{\"message\":\"no key\"}}");
        } else if (body.has("ignore_eos")) {
            reply(exchange, 400, "{\"error\":{\"message\":\"Unrecognized request argument supplied: ignore_eos\"}}");
        } else {
            int promptTokens = body.path("prompt").asText().split(" ").length;
            String usage = "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":3}";
            if (!body.path("stream").asBoolean()) {
                reply(exchange, 200, "{\"choices\":[{\"text\":\"a b c\"}],\"usage\":" + usage + "}");
                return;
            }
            StringBuilder events = new StringBuilder();
            for (String token : new String[] {"a", " b", " c"}) {
                events.append("data: {\"choices\":[{\"text\":\"").append(token).append("\"}]}\n\n");
            }
            events.append("data: {\"choices\":[],\"usage\":").append(usage).append("}\n\ndata: [DONE]\n\n");
            reply(exchange, 200, events.toString());
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
