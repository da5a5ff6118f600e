package dev.sovereign.gateway.embed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.openai.ModelList;
import dev.sovereign.gateway.http.Replies;
import dev.sovereign.router.encoder.EncoderModels;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's encoder as an OpenAI embeddings backend on a loopback port, so the gateway reaches it as it reaches
 * every model: auth, limits, usage and metrics come from the ordinary request path.
 */
public final class RouterEmbeddingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterEmbeddingServer.class);

    private final WebServer server;
    private final String host;

    /** The process's shared router encoder (loaded on the first request) as {@code servedName}. */
    public static RouterEmbeddingServer start(String host, String servedName) {
        return new RouterEmbeddingServer(host, servedName, EncoderModels.shared());
    }

    public RouterEmbeddingServer(String host, String servedName, EncoderModels models) {
        this.host = host;
        RouterEmbeddings embeddings = new RouterEmbeddings(models, servedName);
        HttpRouting.Builder routing = HttpRouting.builder()
                .post("/v1/embeddings", (req, res) -> answer(req, res, embeddings))
                .get("/v1/models", (req, res) -> Replies.json(res, 200,
                        ModelList.of(List.of(ModelList.Model.of(servedName, "sovereign")))))
                .get("/health", (req, res) -> res.status(200).send());
        this.server = WebServer.builder().host(host).port(0).routing(routing).shutdownHook(false).build().start();
        LOG.info("router encoder serving '{}' on http://{}:{}", servedName, host, server.port());
    }

    /** The backend the gateway routes {@code servedName} to. */
    public dev.sovereign.gateway.settings.BackendSettings backend(String servedName) {
        return dev.sovereign.gateway.settings.BackendSettings.simple("router-embeddings", base(), List.of(servedName));
    }

    /** Base URL, before {@code /v1}. */
    public URI base() {
        return URI.create("http://" + host + ":" + server.port());
    }

    private static void answer(ServerRequest request, ServerResponse response, RouterEmbeddings embeddings) {
        try {
            ObjectNode body = RequestReader.readObject(request.content().as(byte[].class));
            Replies.json(response, 200, embeddings.answer(body));
        } catch (ApiException e) {
            Replies.error(response, e, false);
        } catch (RuntimeException e) {
            LOG.warn("embeddings request failed", e);
            Replies.error(response, ApiErrors.internal("the request failed: " + e.getMessage()), false);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
