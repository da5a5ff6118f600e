package dev.sovereign.engine.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.openai.ModelList;
import dev.sovereign.engine.reasoning.ReasoningParser;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.toolcall.ToolCallParsers;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's OpenAI-compatible HTTP server, shaped like a vLLM pod: the same paths, streaming, error shape and
 * metric names, so the gateway and every client treat both alike.
 */
public final class EngineServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineServer.class);
    /** How long stopping waits for requests in flight, as a pod's termination grace would. */
    static final java.time.Duration DRAIN_LIMIT = java.time.Duration.ofSeconds(30);
    /** After the engine is idle: time for the handlers to write the last bytes of their answers. */
    private static final java.time.Duration LAST_WRITES = java.time.Duration.ofSeconds(1);

    private final ServingEngine engine;
    private final WebServer server;

    /** @param toolCallParser "hermes" or null (then requests that need tool calls are refused) */
    public EngineServer(ServingEngine engine, String host, int port, String toolCallParser) {
        this(engine, host, port, toolCallParser, null);
    }

    /**
     * @param toolCallParser  one of {@link ToolCallParsers#NAMES}, or null (then requests that need tool calls are
     *                        refused)
     * @param reasoningParser one of {@link ReasoningParser#NAMES}, or null (thinking stays in the content)
     */
    public EngineServer(ServingEngine engine, String host, int port, String toolCallParser, String reasoningParser) {
        ToolCallParsers.check(toolCallParser);
        ReasoningParser.check(reasoningParser);
        this.engine = engine;
        ChatCompletionsHandler chat = new ChatCompletionsHandler(engine, toolCallParser, reasoningParser);
        CompletionsHandler completions = new CompletionsHandler(engine);
        TokenizeHandler tokenize = new TokenizeHandler(engine);
        HttpRouting.Builder routing = HttpRouting.builder()
                .post("/v1/chat/completions", (req, res) -> guarded(req, res, chat::handle))
                .post("/v1/completions", (req, res) -> guarded(req, res, completions::handle))
                .post("/tokenize", (req, res) -> guarded(req, res, (body, r) -> HttpReplies.json(r, 200, tokenize.tokenize(body))))
                .post("/detokenize", (req, res) -> guarded(req, res, (body, r) -> HttpReplies.json(r, 200, tokenize.detokenize(body))))
                .get("/v1/models", (req, res) -> HttpReplies.json(res, 200,
                        ModelList.of(List.of(ModelList.Model.of(engine.settings().servedModelName(), "sovereign")))))
                .get("/health", (req, res) -> res.status(200).send())
                .get("/metrics", (req, res) -> {
                    res.header(HeaderValues.create("Content-Type", "text/plain; version=0.0.4; charset=utf-8"));
                    res.send(engine.metrics().render());
                });
        // Stopped by its owner (sov engine's hook, or sov serve after the gateway), never by Helidon's own hook,
        // which would cut streams still being relayed.
        this.server = WebServer.builder().host(host).port(port).routing(routing).shutdownHook(false)
                .shutdownGracePeriod(LAST_WRITES).build().start();
        LOG.info("engine serving '{}' on http://{}:{}", engine.settings().servedModelName(), host, server.port());
    }

    public int port() {
        return server.port();
    }

    /** Blocks until the server stops (the CLI's foreground mode). */
    public void awaitStop() throws InterruptedException {
        while (server.isRunning()) {
            Thread.sleep(1000);
        }
    }

    @FunctionalInterface
    private interface Endpoint {
        void handle(ObjectNode body, ServerResponse response);
    }

    private static void guarded(ServerRequest request, ServerResponse response, Endpoint endpoint) {
        try {
            byte[] bytes = request.content().as(byte[].class);
            endpoint.handle(RequestReader.readObject(bytes), response);
        } catch (ApiException e) {
            HttpReplies.error(response, e);
        } catch (RuntimeException e) {
            LOG.warn("request failed", e);
            HttpReplies.error(response, ApiErrors.internal("the request failed: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        // Requests in flight finish first (bounded); idle keep-alive connections do not hold the stop up.
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (engine.scheduler().runningCount() + engine.scheduler().waitingCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop();
    }
}
