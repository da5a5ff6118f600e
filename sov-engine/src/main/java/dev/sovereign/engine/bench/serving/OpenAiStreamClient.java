package dev.sovereign.engine.bench.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends generation requests to any OpenAI-compatible server and times what comes back: a plain request for its usage
 * (prompt sizing), a streamed one for the arrival time of every chunk that carries text.
 */
public final class OpenAiStreamClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final Endpoint endpoint;
    private final String apiKey;
    private final Duration timeout;

    /**
     * @param base   the server's root or its {@code /v1} (both are accepted, as users paste either)
     * @param apiKey null: no Authorization header
     */
    public OpenAiStreamClient(URI base, Endpoint endpoint, String apiKey, Duration timeout) {
        String root = base.toString().replaceAll("/+$", "");
        this.base = URI.create(root.endsWith("/v1") ? root.substring(0, root.length() - 3) : root);
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.timeout = timeout;
        // HTTP/1.1 as every serving benchmark speaks it; the JDK's h2c upgrade attempt confuses some servers
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A greedy request for exactly {@code maxTokens} (when {@code ignoreEos} is honoured), streamed with its usage. */
    public ObjectNode body(String model, JsonNode prompt, int maxTokens, boolean ignoreEos, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        endpoint.putPrompt(body, prompt);
        body.put("max_tokens", maxTokens).put("temperature", 0.0).put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (ignoreEos) {
            body.put("ignore_eos", true);
        }
        return body;
    }

    /** One plain request; its parsed answer. */
    public JsonNode send(ObjectNode body) {
        HttpResponse<InputStream> response = open(body);
        try (InputStream in = response.body()) {
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                throw new ServerRefusedException(response.statusCode(), errorMessage(answer));
            }
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UnreachableServerException("the answer from " + base + " broke off: " + e.getMessage());
        }
    }

    /** One streamed request; a failure of any kind is recorded, not thrown, so one bad request does not end a level. */
    public RequestRecord stream(ObjectNode body) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = open(body);
            try (InputStream in = response.body(); SseReader events = new SseReader(in)) {
                if (response.statusCode() != 200) {
                    String message = errorMessage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    return RequestRecord.failed(response.statusCode() + ": " + message, seconds(start));
                }
                return read(events, start);
            }
        } catch (IOException | RuntimeException e) {
            return RequestRecord.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), seconds(start));
        }
    }

    private RequestRecord read(SseReader events, long start) throws IOException {
        List<Double> chunkTimes = new ArrayList<>();
        int promptTokens = -1;
        int completionTokens = -1;
        for (SseEvent event = events.next(); event != null; event = events.next()) {
            if ("[DONE]".equals(event.data())) {
                break;
            }
            double at = seconds(start);
            JsonNode chunk = JSON.readTree(event.data());
            if (chunk.has("error")) {
                return RequestRecord.failed("error in the stream: " + errorMessage(event.data()), at);
            }
            if (endpoint.carriesToken(chunk)) {
                chunkTimes.add(at);
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
                completionTokens = usage.path("completion_tokens").asInt(completionTokens);
            }
        }
        double latency = seconds(start);
        if (chunkTimes.isEmpty()) {
            return RequestRecord.failed("the stream carried no token", latency);
        }
        return new RequestRecord(promptTokens, completionTokens >= 0 ? completionTokens : chunkTimes.size(),
                List.copyOf(chunkTimes), latency, null);
    }

    private HttpResponse<InputStream> open(ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(endpoint.path())).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // a kept-alive connection the server had closed while idle (llama-server's closes after 5 s): the
                // request never reached it, so it is sent once more on a fresh connection
                return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            }
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw new UnreachableServerException("cannot reach " + base + " (" + describe(e) + ")");
        } catch (HttpTimeoutException e) {
            throw new UnreachableServerException(base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new UnreachableServerException("cannot reach " + base + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : "connection refused";
    }

    /** OpenAI's {@code error.message}, a bare {@code error} string, or the start of whatever else the body was. */
    private static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // an HTML error page or plain text: shown as it is
        }
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
