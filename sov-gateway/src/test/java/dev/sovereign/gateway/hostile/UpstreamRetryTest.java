package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a POST is sent again only when the backend cannot have generated anything (429 or
 * 503 answered, connection refused), with a bounded backoff; a backend that took the request and
 * then failed is not sent it twice.
 */
class UpstreamRetryTest extends OneUpstreamFixture {

    private final TakesAndHangsUp hangsUp = new TakesAndHangsUp();

    private final ClosesIdleConnections closesIdle = new ClosesIdleConnections();

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen")
                .backend(BackendSettings.simple("hangs-up", hangsUp.uri(), List.of("fragile")))
                .backend(BackendSettings.simple("closes-idle", closesIdle.uri(), List.of("brisk")));
    }

    @AfterEach
    void stopRawBackends() throws IOException {
        hangsUp.close();
        closesIdle.close();
    }

    @Test
    void aKeepAliveConnectionTheBackendClosedWhileIdleDoesNotFailTheNextRequest() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = http.post("/v1/chat/completions", Settings.KEY, Http.chat("brisk", false));
            assertThat(answer.statusCode()).as("request " + i + ": " + answer.body()).isEqualTo(200);
            Thread.sleep(300);
        }
        assertThat(closesIdle.requests.get()).isEqualTo(3);
    }

    @Test
    void a503Or429BeforeAnyByteIsRetriedWithBackoff() {
        upstream.failFirst.addAll(List.of(503, 429));
        long start = System.nanoTime();
        HttpResponse<String> answer = http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(upstream.count("/v1/chat/completions")).isEqualTo(3);
        // 100 ms, then 200 ms
        assertThat(millis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void retriesAreBoundedAndTheBusyStatusReachesTheClient() {
        upstream.failFirst.addAll(List.of(503, 503, 503, 503, 503));
        long start = System.nanoTime();
        HttpResponse<String> answer = http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false));
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(Http.json(answer).at("/error/message").asText()).contains("'up'").contains("503");
        assertThat(upstream.count("/v1/chat/completions")).isEqualTo(3);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
    }

    @Test
    void a500IsNotRetried() {
        upstream.failFirst.add(500);
        HttpResponse<String> answer = http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(upstream.count("/v1/chat/completions")).isEqualTo(1);
    }

    @Test
    void aBackendThatTookTheRequestAndHungUpGetsItOnce() {
        HttpResponse<String> answer = http.post("/v1/chat/completions", Settings.KEY, Http.chat("fragile", false));
        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(Http.json(answer).at("/error/message").asText()).contains("'hangs-up'");
        assertThat(hangsUp.requests.get()).isEqualTo(1);
    }

    /** A keep-alive backend that closes a connection idle for 100 ms, as uvicorn does after 5 s. */
    static final class ClosesIdleConnections implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket server;

        ClosesIdleConnections() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        private void serve(Socket socket) {
            try (socket) {
                socket.setSoTimeout(100);
                while (true) {
                    try {
                        if (!TakesAndHangsUp.readRequest(socket.getInputStream())) {
                            return;
                        }
                    } catch (java.net.SocketTimeoutException idle) {
                        return;
                    }
                    requests.incrementAndGet();
                    String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"brisk\",\"choices\":[{\"index\":0,"
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A backend that reads a whole request, then closes the connection without answering (a crash mid-generation). */
    static final class TakesAndHangsUp implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket server;

        TakesAndHangsUp() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread.ofVirtual().start(this::serve);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    if (readRequest(socket.getInputStream())) {
                        requests.incrementAndGet();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Reads one request; false when the connection ended first. */
        static boolean readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase();
            int at = lower.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            in.readNBytes(length);
            return true;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
