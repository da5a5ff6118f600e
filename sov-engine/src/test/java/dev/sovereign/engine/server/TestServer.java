package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.runner.SovTiny;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** sov-tiny served on a free loopback port, with a plain HTTP client for the tests. */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final ServingEngine engine;
    final EngineServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private OpenAIClient sdk;

    TestServer(EngineSettings settings) {
        engine = new ServingEngine(SovTiny.model(), settings);
        server = new EngineServer(engine, "127.0.0.1", 0, "hermes");
    }

    static TestServer standard() {
        return new TestServer(EngineSettings.defaults("sov-tiny").withMaxModelLen(512).withKvCacheBytes(64L << 20).withThreads(2));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The official openai-java SDK pointed at this server, closed with it. */
    synchronized OpenAIClient sdk() {
        if (sdk == null) {
            sdk = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("unused").build();
        }
        return sdk;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
        server.close();
        engine.close();
    }
}
