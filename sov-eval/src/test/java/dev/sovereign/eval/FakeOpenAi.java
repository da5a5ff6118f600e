package dev.sovereign.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible server on loopback with fixed, predictable answers, so the same suite
 * gives the same model outputs to Promptfoo and to our runner:
 * <ul>
 *   <li>chat and completions echo the (last) user message without its {@code Say: } prefix;
 *       {@code SLEEP:ms:text} waits first,
 *       {@code TOOLCALL:[{name, arguments}]} answers with tool calls and no text;</li>
 *   <li>models named {@code grader-*} answer with a fixed grader verdict;</li>
 *   <li>embeddings are letter counts (26 dimensions plus a constant), so similarity is deterministic;</li>
 *   <li>{@code /api/v1/import/prometheus} keeps what is pushed to it.</li>
 * </ul>
 */
final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Grader answers by model name: JSON the way a well-behaved grader would answer. */
    private static final Map<String, String> GRADERS = Map.of(
            "grader-rubric-pass", "{\"reason\": \"It names Paris.\", \"pass\": true, \"score\": 0.9}",
            "grader-rubric-fail", "Verdict: {\"reason\": \"The answer is in English.\", \"pass\": false, \"score\": 0.1}",
            "grader-fact-c", "{\"category\": \"C\", \"reason\": \"Same facts.\"}",
            "grader-fact-d", "{\"category\": \"D\", \"reason\": \"Lyon is not the capital.\"}",
            "grader-geval-8", "{\"steps\": [\"Check the facts\", \"Check brevity\"], \"score\": 8, \"reason\": \"Correct and short.\"}",
            "grader-geval-3", "{\"steps\": [\"Check the facts\", \"Check brevity\"], \"score\": 3, \"reason\": \"Mostly off.\"}");

    private final HttpServer server;
    private final Map<String, String> script;
    final AtomicInteger requests = new AtomicInteger();
    volatile String lastAuthorization;
    /** The last body POSTed to the VictoriaMetrics-style import endpoint. */
    volatile String pushedMetrics;
    /** How many requests (of those whose prompt contains FLAKY) are answered 503 before the server recovers. */
    final AtomicInteger flakyFailuresLeft = new AtomicInteger();

    FakeOpenAi() throws IOException {
        this(Map.of());
    }

    /** A server that answers a prompt containing a key of {@code script} with its value (else echoes). */
    FakeOpenAi(Map<String, String> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", ex -> handle(ex, this::chat));
        server.createContext("/v1/completions", ex -> handle(ex, this::completion));
        server.createContext("/v1/embeddings", ex -> handle(ex, this::embedding));
        server.createContext("/api/v1/import/prometheus", ex -> {
            try (ex) {
                pushedMetrics = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                ex.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class Unavailable extends Exception {
    }

    private interface Handler {
        ObjectNode answer(JsonNode request) throws Exception;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        requests.incrementAndGet();
        lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
        try (exchange) {
            byte[] body;
            int status = 200;
            try {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                if (request.toString().contains("FLAKY") && flakyFailuresLeft.getAndDecrement() > 0) {
                    throw new Unavailable();
                }
                String text = request.toString();
                if (text.contains("JAILBREAK") || text.contains("REFUSE_PROMPT") || text.contains("DENIED")) {
                    // Sovereign's router blocking a prompt, OpenAI refusing one, any other refusal to serve.
                    status = 403;
                    String code = text.contains("JAILBREAK") ? "blocked_jailbreak"
                            : text.contains("REFUSE_PROMPT") ? "invalid_prompt" : "forbidden";
                    body = ("{\"error\":{\"message\":\"Request blocked\",\"type\":\"permission_error\",\"code\":\""
                            + code + "\"}}").getBytes(StandardCharsets.UTF_8);
                } else {
                    body = JSON.writeValueAsBytes(handler.answer(request));
                }
            } catch (Unavailable e) {
                status = 503;
                body = "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                status = 400;
                body = ("{\"error\":{\"message\":\"" + e.getMessage() + "\",\"type\":\"invalid_request_error\"}}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private ObjectNode chat(JsonNode request) throws Exception {
        String model = request.path("model").asText();
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (GRADERS.containsKey(model)) {
            message.put("content", GRADERS.get(model));
        } else {
            ArrayNode messages = (ArrayNode) request.path("messages");
            String prompt = echo(messages.get(messages.size() - 1).path("content").asText());
            if (prompt.startsWith("TOOLCALL:")) {
                message.putNull("content");
                ArrayNode calls = message.putArray("tool_calls");
                int i = 0;
                for (JsonNode call : JSON.readTree(prompt.substring("TOOLCALL:".length()))) {
                    ObjectNode c = calls.addObject().put("id", "call_" + i++).put("type", "function");
                    c.putObject("function").put("name", call.path("name").asText()).put("arguments", call.path("arguments").asText());
                }
            } else {
                message.put("content", prompt);
            }
        }
        ObjectNode response = envelope("chat.completion", model);
        ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
        return response;
    }

    private ObjectNode completion(JsonNode request) throws Exception {
        ObjectNode response = envelope("text_completion", request.path("model").asText());
        response.putArray("choices").addObject().put("index", 0).put("text", echo(request.path("prompt").asText()))
                .put("finish_reason", "stop");
        return response;
    }

    private ObjectNode embedding(JsonNode request) {
        String text = request.path("input").isArray() ? request.path("input").get(0).asText() : request.path("input").asText();
        double[] vector = new double[27];
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                vector[c - 'a']++;
            }
        }
        vector[26] = 1;
        ObjectNode response = JSON.createObjectNode().put("object", "list").put("model", request.path("model").asText());
        ArrayNode values = response.putArray("data").addObject().put("object", "embedding").put("index", 0).putArray("embedding");
        for (double v : vector) {
            values.add(v);
        }
        response.putObject("usage").put("prompt_tokens", 5).put("total_tokens", 5);
        return response;
    }

    /** The answer to a prompt: the text after "Say: ", after any asked-for wait. */
    private String echo(String prompt) throws InterruptedException {
        for (Map.Entry<String, String> line : script.entrySet()) {
            if (prompt.contains(line.getKey())) {
                return line.getValue();
            }
        }
        if (prompt.startsWith("Say: ")) {
            prompt = prompt.substring("Say: ".length());
        }
        if (prompt.startsWith("SLEEP:")) {
            int colon = prompt.indexOf(':', 6);
            Thread.sleep(Long.parseLong(prompt.substring(6, colon)));
            return prompt.substring(colon + 1);
        }
        return prompt;
    }

    private static ObjectNode envelope(String object, String model) {
        ObjectNode response = JSON.createObjectNode().put("id", "fake-1").put("object", object).put("created", 1_700_000_000L).put("model", model);
        response.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 20).put("total_tokens", 30);
        return response;
    }
}
