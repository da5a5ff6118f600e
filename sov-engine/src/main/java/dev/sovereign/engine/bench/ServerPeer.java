package dev.sovereign.engine.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sovereign.engine.bench.serving.Endpoint;
import dev.sovereign.engine.bench.serving.OpenAiStreamClient;
import dev.sovereign.engine.bench.serving.RequestRecord;
import java.net.URI;
import java.time.Duration;

/**
 * A running OpenAI-compatible server as the single-stream peer (llama-server built natively, in practice), timed on
 * one streamed completion whose prompt is the same token ids our engine reads: prefill is prompt tokens over the
 * time to the first token, decode the tokens after it over the time they took (1 / vLLM's TPOT).
 */
final class ServerPeer {

    record Timing(int promptTokens, double prefillTokensPerSecond, double decodeTokensPerSecond) {
    }

    private final OpenAiStreamClient client;
    private final String model;

    ServerPeer(URI url, String model) {
        this.client = new OpenAiStreamClient(url, Endpoint.COMPLETIONS, null, Duration.ofMinutes(10));
        this.model = model;
    }

    Timing run(int[] prompt, int decodeTokens) {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        for (int id : prompt) {
            ids.add(id);
        }
        RequestRecord r = client.stream(client.body(model, ids, decodeTokens + 1, true, true));
        if (!r.succeeded()) {
            throw new IllegalStateException("the peer failed: " + r.error());
        }
        int promptTokens = r.promptTokens() > 0 ? r.promptTokens() : prompt.length;
        return new Timing(promptTokens, promptTokens / r.ttft(), 1 / r.tpot());
    }
}
