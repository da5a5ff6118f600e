package dev.sovereign.eval.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.config.ProviderSpec;
import java.io.IOException;
import java.util.Map;

/** Embeds one text through {@code /embeddings} of an OpenAI-compatible server (our gateway or vLLM). */
public final class EmbeddingClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transport transport;
    private final Map<String, String> env;
    private final JsonNode suiteEndpoint;

    public EmbeddingClient(Transport transport, Map<String, String> env, JsonNode suiteEndpoint) {
        this.transport = transport;
        this.env = env;
        this.suiteEndpoint = suiteEndpoint;
    }

    public double[] embed(ProviderSpec spec, String text) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", spec.model()).put("input", text);
        Endpoint endpoint = Endpoint.of(spec, env, suiteEndpoint);
        Transport.Reply reply = transport.post(endpoint.url("embeddings"), endpoint.apiKey(), body.toString());
        if (reply.status() >= 400) {
            throw new IOException("embedding API error: " + reply.status() + " " + reply.body());
        }
        JsonNode vector = JSON.readTree(reply.body()).path("data").path(0).path("embedding");
        if (!vector.isArray() || vector.isEmpty()) {
            throw new IOException("embedding API returned no vector");
        }
        double[] out = new double[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector.get(i).asDouble();
        }
        return out;
    }
}
