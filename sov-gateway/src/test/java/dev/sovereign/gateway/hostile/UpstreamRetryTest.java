package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.RawBackend;
import dev.sovereign.gateway.support.Settings;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a POST is sent again only when the backend cannot have generated anything (429 or
 * 503 answered, connection refused), with a bounded backoff; a backend that took the request and
 * then failed is not sent it twice.
 */
class UpstreamRetryTest extends OneUpstreamFixture {

    private final RawBackend hangsUp = new RawBackend(UpstreamRetryTest::hangUpAfterReading);

    private final RawBackend closesIdle = new RawBackend(UpstreamRetryTest::closeWhenIdle);

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen")
                .backend(BackendSettings.simple("hangs-up", hangsUp.uri(), List.of("fragile")))
                .backend(BackendSettings.simple("closes-idle", closesIdle.uri(), List.of("brisk")));
    }

    @AfterEach
    void stopRawBackends() {
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

    /** Reads a whole request, then closes the connection without answering (a crash mid-generation). */
    private static void hangUpAfterReading(Socket socket, RawBackend backend) throws IOException {
        backend.readRequest(socket.getInputStream());
    }

    /** Answers on a keep-alive connection and closes it after 100 ms idle, as uvicorn does after 5 s. */
    private static void closeWhenIdle(Socket socket, RawBackend backend) throws IOException {
        socket.setSoTimeout(100);
        while (true) {
            try {
                if (!backend.readRequest(socket.getInputStream())) {
                    return;
                }
            } catch (SocketTimeoutException idle) {
                return;
            }
            String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"brisk\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
    }
}
