package dev.sovereign.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A client's request shape kept as a fixture (src/test/resources/clients, see its README), replayed byte for byte
 * against a running server, with the server's key put in.
 */
record RecordedRequest(String method, String path, JsonNode headers, JsonNode body) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static RecordedRequest load(String name) throws IOException {
        try (InputStream in = RecordedRequest.class.getResourceAsStream("/clients/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture /clients/" + name);
            }
            JsonNode fixture = JSON.readTree(in);
            return new RecordedRequest(fixture.get("method").asText(), fixture.get("path").asText(), fixture.get("headers"),
                    fixture.get("body"));
        }
    }

    /** The same request with a changed body (a test's variation on the recorded shape). */
    RecordedRequest withBody(Consumer<ObjectNode> change) {
        ObjectNode copy = body.deepCopy();
        change.accept(copy);
        return new RecordedRequest(method, path, headers, copy);
    }

    HttpResponse<String> send(SovServe serve) throws IOException, InterruptedException {
        String base = serve.url().substring(0, serve.url().length() - "/v1".length());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.properties().forEach(h -> request.header(h.getKey(), h.getValue().asText().replace("{{KEY}}", serve.key())));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The JSON payloads of a server-sent-event stream, checked for the framing OpenAI clients parse: the event-stream
     * content type, every event one {@code data: } line followed by a blank line, and {@code [DONE]} last.
     */
    static List<JsonNode> events(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        String body = response.body();
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<JsonNode> payloads = new ArrayList<>();
        for (String event : body.substring(0, body.length() - "data: [DONE]\n\n".length()).split("\n\n")) {
            assertThat(event).as("one event").startsWith("data: ").doesNotContain("\n");
            payloads.add(JSON.readTree(event.substring("data: ".length())));
        }
        return payloads;
    }
}
