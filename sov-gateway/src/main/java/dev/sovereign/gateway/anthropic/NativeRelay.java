package dev.sovereign.gateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import dev.sovereign.api.sse.SseWriter;
import dev.sovereign.gateway.proxy.CallContext;
import dev.sovereign.gateway.proxy.UsageTap;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Relays a native Anthropic backend's answer unchanged (the request needs no translation),
 * reading its usage from the message, or from {@code message_start} and {@code message_delta}.
 */
final class NativeRelay {

    private NativeRelay() {
    }

    static void whole(CallContext call, HttpClientResponse upstream, ServerResponse response) {
        JsonNode message = UsageTap.readWhole(call, upstream);
        UsageTap.anthropicUsage(call, message.get("usage"), message.path("model").asText(null));
        call.writeHeaders(response);
        response.status(upstream.status().code());
        response.header(HeaderNames.CONTENT_TYPE, "application/json");
        call.settle();
        response.send(WireJson.write(message));
    }

    static void stream(CallContext call, HttpClientResponse upstream, ServerResponse response) {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, SseWriter.CONTENT_TYPE);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        call.writeHeaders(response);
        SseReader reader = new SseReader(upstream.inputStream());
        try (OutputStream stream = response.outputStream()) {
            SseWriter out = new SseWriter(stream);
            for (SseEvent event = UsageTap.nextEvent(call, reader); event != null; event = UsageTap.nextEvent(call, reader)) {
                String type = event.event() == null ? "" : event.event();
                if (type.equals("message_start") || type.equals("message_delta")) {
                    JsonNode data = WireJson.mapper().readTree(event.data());
                    JsonNode message = data.path("message");
                    UsageTap.anthropicUsage(call, type.equals("message_start") ? message.get("usage") : data.get("usage"),
                            message.path("model").asText(null));
                } else if (type.equals("content_block_delta")) {
                    UsageTap.contentEvent(call);
                } else if (type.equals("message_stop")) {
                    call.settle();
                }
                out.send(event);
            }
        } catch (UsageTap.UpstreamBroke e) {
            UsageTap.failed(call, dev.sovereign.api.error.ApiErrors.upstreamFailed(502, call.targetBackend(), "stopped mid-stream"));
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            UsageTap.clientGone(call);
        }
    }
}
