package dev.sovereign.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.json.WireJson;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real OpenAI-compatible server for tests: answers chat, completions, embeddings,
 * {@code /tokenize} and {@code /metrics}, streams word by word, and can fail, hang, call a tool
 * or spend exactly the max_tokens it was given. Records what it received.
 */
public final class FakeUpstream implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, JsonNode body) {
    }

    public final String name;
    public volatile int failStatus;
    public volatile long answerDelayMs;
    public volatile long chunkDelayMs;
    public volatile int words = 5;
    public volatile boolean toolCall;
    /** Answer with completion_tokens = max_tokens: the worst case a budget must hold against. */
    public volatile boolean spendAllowedOutput;
    /** Answer without any {@code usage}, as some providers and old servers do. */
    public volatile boolean omitUsage;
    /** Statuses answered (with an empty JSON error) before any normal answer, one per request, in order. */
    public final java.util.concurrent.ConcurrentLinkedQueue<Integer> failFirst = new java.util.concurrent.ConcurrentLinkedQueue<>();
    public volatile String metricsPage = "";
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger brokenStreams = new AtomicInteger();
    public final AtomicInteger finishedStreams = new AtomicInteger();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final WebServer server;

    public FakeUpstream(String name) {
        this.name = name;
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.post("/v1/chat/completions", this::chat)
                        .post("/v1/completions", this::completion)
                        .post("/v1/embeddings", this::embeddings)
                        .post("/tokenize", this::tokenize)
                        .post("/v1/messages", this::anthropicMessages)
                        .get("/metrics", (req, res) -> {
                            counts.computeIfAbsent("/metrics", p -> new AtomicInteger()).incrementAndGet();
                            res.send(metricsPage);
                        }))
                .build().start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public int count(String path) {
        return counts.getOrDefault(path, new AtomicInteger()).get();
    }

    private JsonNode receive(ServerRequest req) {
        try {
            JsonNode body = WireJson.mapper().readTree(req.content().inputStream());
            Map<String, String> headers = new ConcurrentHashMap<>();
            req.headers().forEach(h -> headers.put(h.name().toLowerCase(), h.values()));
            String path = req.path().path();
            received.add(new Received(path, headers, body));
            counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean failOrWait(ServerResponse res) {
        Integer early = failFirst.poll();
        if (early != null) {
            res.status(early).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":{\"message\":\"" + name + " answered " + early + "\",\"type\":\"server_error\"}}");
            return true;
        }
        sleep(answerDelayMs);
        if (failStatus > 0) {
            res.status(failStatus).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send("{\"error\":{\"message\":\"" + name + " is broken\",\"type\":\"server_error\"}}");
            return true;
        }
        return false;
    }

    private int outputTokens(JsonNode body) {
        int max = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(Integer.MAX_VALUE));
        return spendAllowedOutput ? max : Math.min(words, max);
    }

    private static int promptTokens(JsonNode body) {
        return Math.max(1, body.toString().length() / 8);
    }

    private void chat(ServerRequest req, ServerResponse res) {
        JsonNode body = receive(req);
        if (failOrWait(res)) {
            return;
        }
        String model = body.path("model").asText();
        int output = outputTokens(body);
        int prompt = promptTokens(body);
        if (!body.path("stream").asBoolean()) {
            ObjectNode answer = base("chat.completion", model);
            ObjectNode message = answer.putArray("choices").addObject().put("index", 0)
                    .put("finish_reason", toolCall ? "tool_calls" : "stop").putObject("message").put("role", "assistant");
            if (toolCall) {
                message.putNull("content");
                ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
                call.putObject("function").put("name", "get_weather").put("arguments", "{\"city\":\"Paris\"}");
            } else {
                message.put("content", text(output));
            }
            usage(answer, prompt, spendAllowedOutput ? output * body.path("n").asInt(1) : (toolCall ? 7 : output));
            res.header(HeaderNames.CONTENT_TYPE, "application/json").send(WireJson.write(answer));
            return;
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean();
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = res.outputStream()) {
            ObjectNode first = chunk(model);
            first.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("role", "assistant").put("content", "");
            send(out, first);
            int produced;
            if (toolCall) {
                ObjectNode start = chunk(model);
                ObjectNode delta = start.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta");
                ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0).put("id", "call_1").put("type", "function");
                call.putObject("function").put("name", "get_weather").put("arguments", "");
                send(out, start);
                for (String fragment : new String[] {"{\"city\"", ":\"Par", "is\"}"}) {
                    ObjectNode more = chunk(model);
                    more.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                            .putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
                    send(out, more);
                }
                produced = 7;
            } else {
                for (int i = 0; i < output; i++) {
                    ObjectNode c = chunk(model);
                    c.withArray("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta")
                            .put("content", "w" + i + " ");
                    send(out, c);
                }
                produced = output;
            }
            ObjectNode last = chunk(model);
            last.withArray("choices").addObject().put("index", 0).put("finish_reason", toolCall ? "tool_calls" : "stop").putObject("delta");
            send(out, last);
            if (includeUsage) {
                ObjectNode u = chunk(model);
                u.putArray("choices");
                usage(u, prompt, produced);
                send(out, u);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            finishedStreams.incrementAndGet();
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            brokenStreams.incrementAndGet();
        }
    }

    private void send(OutputStream out, ObjectNode chunk) throws IOException {
        sleep(chunkDelayMs);
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void completion(ServerRequest req, ServerResponse res) {
        JsonNode body = receive(req);
        if (failOrWait(res)) {
            return;
        }
        String model = body.path("model").asText();
        int output = outputTokens(body);
        if (body.path("stream").asBoolean()) {
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            try (OutputStream out = res.outputStream()) {
                for (int i = 0; i < output; i++) {
                    ObjectNode c = base("text_completion", model);
                    c.putArray("choices").addObject().put("index", 0).put("text", "t" + i).putNull("finish_reason");
                    send(out, c);
                }
                if (body.path("stream_options").path("include_usage").asBoolean()) {
                    ObjectNode u = base("text_completion", model);
                    u.putArray("choices");
                    usage(u, promptTokens(body), output);
                    send(out, u);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException | CloseConnectionException e) {
                brokenStreams.incrementAndGet();
            }
            return;
        }
        ObjectNode answer = base("text_completion", model);
        answer.putArray("choices").addObject().put("index", 0).put("text", text(output)).put("finish_reason", "stop");
        usage(answer, promptTokens(body), output);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(WireJson.write(answer));
    }

    private void embeddings(ServerRequest req, ServerResponse res) {
        JsonNode body = receive(req);
        if (failOrWait(res)) {
            return;
        }
        ObjectNode answer = WireJson.objectNode().put("object", "list").put("model", body.path("model").asText());
        ArrayNode vector = answer.putArray("data").addObject().put("object", "embedding").put("index", 0).putArray("embedding");
        vector.add(0.1).add(0.2).add(0.3);
        answer.putObject("usage").put("prompt_tokens", 4).put("total_tokens", 4);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(WireJson.write(answer));
    }

    /** A native Anthropic Messages API answer: one text block, or its event stream. */
    private void anthropicMessages(ServerRequest req, ServerResponse res) {
        JsonNode body = receive(req);
        String model = body.path("model").asText();
        if (!body.path("stream").asBoolean()) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\",\"text\":\"native " + name + "\"}],"
                    + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":2}}");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = res.outputStream()) {
            String[] events = {
                "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                        + model + "\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}",
                "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"native \"}}",
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"stream\"}}",
                "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
                "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}",
                "message_stop", "{\"type\":\"message_stop\"}"};
            for (int i = 0; i < events.length; i += 2) {
                out.write(("event: " + events[i] + "\ndata: " + events[i + 1] + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            brokenStreams.incrementAndGet();
        }
    }

    private void tokenize(ServerRequest req, ServerResponse res) {
        JsonNode body = receive(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send("{\"count\":" + (body.path("messages").size() * 11) + "}");
    }

    private ObjectNode base(String object, String model) {
        return WireJson.objectNode().put("id", "cmpl-" + name).put("object", object).put("created", 1).put("model", model);
    }

    private ObjectNode chunk(String model) {
        return base("chat.completion.chunk", model);
    }

    private void usage(ObjectNode answer, int prompt, int completion) {
        if (omitUsage) {
            return;
        }
        answer.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion).putObject("prompt_tokens_details").put("cached_tokens", 2);
    }

    private String text(int words) {
        StringBuilder text = new StringBuilder(name);
        for (int i = 0; i < words; i++) {
            text.append(" w").append(i);
        }
        return text.toString();
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
