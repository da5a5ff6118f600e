package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.runner.EngineSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Backpressure and cancellation: a full queue answers 503 with Retry-After; a client that leaves frees its blocks. */
class QueueAndDisconnectTest {

    @Test
    void fullQueueAnswersServiceUnavailableWithRetryAfter() throws Exception {
        try (TestServer server = new TestServer(EngineSettings.defaults("sov-tiny").withMaxModelLen(128)
                .withKvCacheBytes(16L << 20).withMaxWaiting(0).withThreads(2))) {
            HttpResponse<String> r = server.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":3}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("retry-after")).hasValue("1");
            assertThat(TestServer.json(r).at("/error/code").asText()).isEqualTo("queue_full");
        }
    }

    @Test
    void disconnectCancelsTheSequenceAndFreesItsBlocks() throws Exception {
        try (TestServer server = new TestServer(EngineSettings.defaults("sov-tiny").withMaxModelLen(2048)
                .withKvCacheBytes(64L << 20).withThreads(2))) {
            String body = "{\"prompt\":\"Once upon a time\",\"max_tokens\":2000,\"ignore_eos\":true,\"stream\":true}";
            try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = socket.getInputStream();
                String seen = "";
                byte[] buffer = new byte[4096];
                while (!seen.contains("data: ")) {
                    int n = in.read(buffer);
                    assertThat(n).isPositive();
                    seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
                }
                assertThat(server.engine.scheduler().runningCount()).isEqualTo(1);
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (server.engine.scheduler().runningCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.engine.scheduler().runningCount()).isZero();
            assertThat(server.engine.scheduler().blocks().usage()).isZero();
            String metrics = server.get("/metrics").body();
            assertThat(OpenAiServerTest.metric(metrics, "vllm:request_success_total{model_name=\"sov-tiny\",finished_reason=\"abort\"}"))
                    .isEqualTo(1);
            assertThat(OpenAiServerTest.metric(metrics, "vllm:generation_tokens_total{model_name=\"sov-tiny\"}")).isLessThan(2000);
        }
    }
}
