package dev.sovereign.engine.embedding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ModelList;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.bert.EncoderModel;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI server of an encoder model, shaped as vLLM serves one ({@code --task embed}): {@code /v1/embeddings},
 * {@code /v1/models}, {@code /health} and the request gauges of {@code /metrics}; generation endpoints answer 400.
 */
public final class EncoderServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderServer.class);

    private final VectorKernels kernels;
    private final EmbeddingBatcher batcher;
    private final EmbeddingsHandler handler;
    private final WebServer server;
    private final String name;

    /** @param servedName null: the model's folder or file name */
    public EncoderServer(EncoderModel model, String host, int port, String servedName, int threads) {
        this.name = servedName != null ? servedName : model.name();
        this.kernels = new VectorKernels(threads);
        this.batcher = new EmbeddingBatcher(model, kernels);
        this.handler = new EmbeddingsHandler(model, name, batcher);
        HttpRouting.Builder routing = HttpRouting.builder()
                .post("/v1/embeddings", this::embeddings)
                .post("/v1/chat/completions", this::notGenerative)
                .post("/v1/completions", this::notGenerative)
                .get("/v1/models", (req, res) -> json(res, 200, ModelList.of(List.of(ModelList.Model.of(name, "sovereign")))))
                .get("/health", (req, res) -> res.status(200).send())
                .get("/metrics", (req, res) -> {
                    res.header(HeaderValues.create("Content-Type", "text/plain; version=0.0.4; charset=utf-8"));
                    res.send(metrics());
                });
        try {
            this.server = WebServer.builder().host(host).port(port).routing(routing).shutdownHook(false).build().start();
        } catch (RuntimeException e) {
            batcher.close();
            kernels.close();
            throw e;
        }
        LOG.info("encoder serving '{}' ({} dimensions) on http://{}:{}", name, model.config().hidden(), host, server.port());
    }

    public int port() {
        return server.port();
    }

    /** Requests being encoded or waiting for the encoder. */
    public int busy() {
        return batcher.running() + batcher.waiting();
    }

    private void embeddings(ServerRequest request, ServerResponse response) {
        try {
            ObjectNode body = RequestReader.readObject(request.content().as(byte[].class));
            json(response, 200, handler.handle(body));
        } catch (ApiException e) {
            json(response, e.status(), e.body());
        } catch (RuntimeException e) {
            LOG.warn("embeddings request failed", e);
            ApiException failure = ApiErrors.internal("the request failed: " + e.getMessage());
            json(response, failure.status(), failure.body());
        }
    }

    private void notGenerative(ServerRequest request, ServerResponse response) {
        ApiException e = ApiErrors.invalidField("model", "'" + name + "' is an embedding model: use /v1/embeddings");
        json(response, e.status(), e.body());
    }

    private String metrics() {
        String label = "model_name=\"" + name + "\"";
        return "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{" + label + "} " + batcher.running()
                + "\n# TYPE vllm:num_requests_waiting gauge\nvllm:num_requests_waiting{" + label + "} " + batcher.waiting()
                + "\n# TYPE vllm:prompt_tokens_total counter\nvllm:prompt_tokens_total{" + label + "} "
                + handler.promptTokens() + "\n";
    }

    private static void json(ServerResponse response, int status, Object body) {
        response.status(Status.create(status));
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(WireJson.write(body));
    }

    @Override
    public void close() {
        server.stop();
        batcher.close();
        kernels.close();
    }
}
