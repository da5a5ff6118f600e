package dev.sovereign.gateway.bench;

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

/**
 * The fast local upstream of the benchmark: a fixed chat completion at once, or a stream of
 * numbered events ({@code "content":"<n> "}) so the client can check order and loss.
 */
final class BenchUpstream implements AutoCloseable {

    private static final byte[] ANSWER = ("{\"id\":\"b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1,\"total_tokens\":9}}").getBytes(StandardCharsets.UTF_8);

    private final WebServer server;
    private final int streamEvents;
    private final long eventGapMs;

    BenchUpstream(int streamEvents, long eventGapMs) {
        this.streamEvents = streamEvents;
        this.eventGapMs = eventGapMs;
        this.server = WebServer.builder().host("127.0.0.1").port(0).backlog(8192).maxConcurrentRequests(-1)
                .routing(r -> r.post("/v1/chat/completions", this::chat)).build().start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    int port() {
        return server.port();
    }

    private void chat(ServerRequest request, ServerResponse response) {
        String body = request.content().as(String.class);
        if (!body.contains("\"stream\":true")) {
            response.header(HeaderNames.CONTENT_TYPE, "application/json").send(ANSWER);
            return;
        }
        boolean usage = body.contains("\"include_usage\":true");
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
        try (OutputStream out = response.outputStream()) {
            for (int i = 0; i < streamEvents; i++) {
                if (eventGapMs > 0) {
                    Thread.sleep(eventGapMs);
                }
                out.write(("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"bench\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"content\":\"" + i + " \"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (usage) {
                out.write(("data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"bench\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":" + streamEvents + ",\"total_tokens\":"
                        + (8 + streamEvents) + "}}\n\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException | CloseConnectionException e) {
            // the client went away; nothing to clean up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
