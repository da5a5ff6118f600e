package dev.sovereign.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.api.sse.SseEvent;
import dev.sovereign.api.sse.SseReader;
import dev.sovereign.gateway.http.Replies;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an OpenAI SSE stream event by event, flushing each, in order. Reads the usage chunk
 * (requested upstream for every stream) and drops it when the client did not ask for it. When
 * the client goes away the upstream answer is closed, which cancels the generation, and what
 * was generated so far is still accounted.
 */
final class StreamRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final CallContext call;
    private final HttpClientResponse upstream;
    private final ServerResponse response;
    private final boolean clientWantsUsage;

    StreamRelay(CallContext call, HttpClientResponse upstream, ServerResponse response, boolean clientWantsUsage) {
        this.call = call;
        this.upstream = upstream;
        this.response = response;
        this.clientWantsUsage = clientWantsUsage;
    }

    void run() {
        response.status(200);
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        call.writeHeaders(response);
        OutputStream out;
        try {
            out = response.outputStream();
        } catch (UncheckedIOException | CloseConnectionException e) {
            clientGone();
            return;
        }
        SseReader reader = new SseReader(upstream.inputStream());
        try {
            while (true) {
                SseEvent event;
                long waitStart = System.nanoTime();
                try {
                    event = reader.next();
                } catch (IOException | UncheckedIOException e) {
                    upstreamBroke(out, e);
                    return;
                } finally {
                    call.upstreamNanos += System.nanoTime() - waitStart;
                }
                if (event == null) {
                    // a backend that ends without [DONE]: the close is the end of the answer
                    call.settle();
                    break;
                }
                if (!relay(event, out)) {
                    continue;
                }
                if (event.isDone()) {
                    break;
                }
            }
            out.close();
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            clientGone();
        }
    }

    /** Inspects one event and writes it unless it is a usage chunk the client did not ask for. */
    private boolean relay(SseEvent event, OutputStream out) throws IOException {
        String data = event.data();
        if (event.isDone()) {
            call.settle();
        } else {
            boolean hasUsage = data.contains("\"usage\"") && !data.contains("\"usage\":null");
            if (hasUsage || call.responseModel == null) {
                JsonNode chunk = parse(data);
                UsageFields.read(chunk, call);
                JsonNode choices = chunk == null ? null : chunk.get("choices");
                if (hasUsage && (choices == null || choices.isEmpty())) {
                    if (!clientWantsUsage) {
                        return false;
                    }
                } else {
                    countContent();
                }
            } else {
                countContent();
            }
        }
        out.write(DATA);
        out.write(data.getBytes(StandardCharsets.UTF_8));
        out.write(END);
        out.flush();
        return true;
    }

    private void countContent() {
        call.markFirstToken();
        call.contentEvents++;
    }

    private static JsonNode parse(String data) {
        try {
            return WireJson.mapper().readTree(data);
        } catch (IOException e) {
            return null;
        }
    }

    private void clientGone() {
        UsageTap.clientGone(call);
    }

    /** Bytes already reached the client, so no fallback: end the stream with an error event. */
    private void upstreamBroke(OutputStream out, Exception e) {
        call.status = 502;
        call.errorType = "upstream_stream_broken";
        String backend = call.target.backend().name();
        LOG.warn("stream from backend {} broke off: {}", backend, e.getMessage());
        try {
            out.write(DATA);
            out.write(WireJson.write(new dev.sovereign.api.error.ErrorBody(new dev.sovereign.api.error.ApiError(
                    "backend '" + backend + "' stopped answering mid-stream", "upstream_error", null, "upstream_stream_broken"))));
            out.write(END);
            out.close();
        } catch (IOException | UncheckedIOException | CloseConnectionException ignored) {
            clientGone();
        }
    }
}
