package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.openai.ContentText;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import io.helidon.webclient.api.HttpClientResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every handler does to an OpenAI exchange on its way through: shape the outgoing body,
 * time the waits on the backend, and pick tokens and the model out of the answer.
 */
public final class UsageTap {

    private static final Logger LOG = LoggerFactory.getLogger(UsageTap.class);

    private UsageTap() {
    }

    /** A backend's stream broke off after bytes reached the client: nothing to fall back to. */
    public static final class UpstreamBroke extends Exception {
        UpstreamBroke(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Asks for usage on streams and caps the output where a budget must not be passed. */
    public static void prepare(ObjectNode body, Operation operation, boolean stream, Integer outputCap) {
        if (stream) {
            ObjectNode options = body.has("stream_options") && body.get("stream_options").isObject()
                    ? (ObjectNode) body.get("stream_options") : body.putObject("stream_options");
            options.put("include_usage", true);
        }
        if (outputCap != null) {
            String field = operation == Operation.CHAT && body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            JsonNode current = body.get(field);
            int asked = current != null && current.canConvertToInt() ? current.asInt() : Integer.MAX_VALUE;
            body.put(field, Math.min(asked, outputCap));
        }
    }

    /** The text a backend will prefill for a chat body, for the prefix-aware replica choice. */
    public static String promptOf(ObjectNode chat) {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode m : chat.path("messages")) {
            prompt.append(m.path("role").asText()).append(':').append(ContentText.of(m.get("content"))).append('\n');
        }
        return prompt.toString();
    }

    /** Reads a whole JSON answer, counting its usage. */
    public static JsonNode readWhole(CallContext call, HttpClientResponse upstream) {
        long start = System.nanoTime();
        try {
            JsonNode answer = WireJson.mapper().readTree(upstream.inputStream());
            call.markFirstToken();
            UsageFields.readWhole(answer, call);
            return answer;
        } catch (IOException | UncheckedIOException e) {
            throw ApiErrors.upstreamFailed(502, call.targetBackend(), "unreadable answer: " + e.getMessage());
        } finally {
            call.upstreamNanos += System.nanoTime() - start;
        }
    }

    public static SseEvent nextEvent(CallContext call, SseReader reader) throws UpstreamBroke {
        long start = System.nanoTime();
        try {
            return reader.next();
        } catch (IOException | UncheckedIOException e) {
            throw new UpstreamBroke(e);
        } finally {
            call.upstreamNanos += System.nanoTime() - start;
        }
    }

    /** Parses one chunk, counting content and usage; null when it is not JSON. */
    public static JsonNode observe(CallContext call, String data) {
        JsonNode chunk;
        try {
            chunk = WireJson.mapper().readTree(data);
        } catch (IOException e) {
            return null;
        }
        UsageFields.read(chunk, call);
        if (!chunk.path("choices").isEmpty()) {
            call.markFirstToken();
            call.contentEvents++;
        }
        return chunk;
    }

    /** Counts an Anthropic {@code usage} object (a native backend's message or stream event). */
    public static void anthropicUsage(CallContext call, JsonNode usage, String model) {
        if (model != null && call.responseModel == null) {
            call.responseModel = model;
        }
        if (usage == null || !usage.isObject()) {
            return;
        }
        call.usageReported = true;
        long cached = usage.path("cache_read_input_tokens").asLong(0);
        if (usage.has("input_tokens")) {
            call.inputTokens = usage.get("input_tokens").asLong() + cached;
            call.cachedInputTokens = cached;
        }
        if (usage.has("output_tokens")) {
            call.outputTokens = usage.get("output_tokens").asLong();
        }
    }

    /** Counts one relayed content event of a stream (the output estimate if the stream is cut). */
    public static void contentEvent(CallContext call) {
        call.markFirstToken();
        call.contentEvents++;
    }

    public static void failed(CallContext call, ApiException e) {
        call.status = e.status();
        call.errorType = e.error().code();
    }

    public static void clientGone(CallContext call) {
        call.status = 499;
        call.errorType = "client_disconnected";
        LOG.info("client left a {} stream on {}; upstream request cancelled", call.operation.metricName(), call.publicModel);
    }
}
