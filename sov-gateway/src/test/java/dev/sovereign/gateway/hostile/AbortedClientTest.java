package dev.sovereign.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Issue 17: clients that send half a body and leave cost one WARN line each and a counter, never a stack trace. */
class AbortedClientTest extends OneUpstreamFixture {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    /** Helidon logs through java.util.logging (bridged to SLF4J by the CLI): its records count as log lines too. */
    private final List<java.util.logging.LogRecord> helidon = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.logging.Handler helidonHandler = new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                helidon.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen");
    }

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
        java.util.logging.Logger.getLogger("").addHandler(helidonHandler);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
        java.util.logging.Logger.getLogger("").removeHandler(helidonHandler);
    }

    @Test
    void twentyHalfBodiesGiveTwentyWarnLinesWithoutStackTracesAndACounter() throws Exception {
        for (int i = 0; i < 19; i++) {
            sendHalfABodyAndLeave("/v1/chat/completions");
        }
        sendHalfABodyAndLeave("/admin/keys");
        awaitWarnings(20);
        List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertThat(warnings).hasSize(20).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy()).isNull();
            assertThat(e.getFormattedMessage()).contains("before sending its whole body").doesNotContain("\n");
        });
        assertThat(helidon.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList()).as("java.util.logging warnings")
                .isEmpty();
        assertThat(http.get("/metrics", null).body())
                .contains("sov_gateway_client_aborts_total{gen_ai_operation_name=\"chat\"} 19.0")
                .contains("sov_gateway_client_aborts_total{gen_ai_operation_name=\"other\"} 1.0");
        assertThat(upstream.count("/v1/chat/completions")).isZero();
        // the gateway still serves
        assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false)).statusCode()).isEqualTo(200);
    }

    private void sendHalfABodyAndLeave(String path) throws Exception {
        String body = Http.chat("qwen", false);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + (path.startsWith("/admin") ? Settings.ADMIN : Settings.KEY)
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                    + body.substring(0, body.length() / 2)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(20);
        }
    }

    private void awaitWarnings(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).count() < count) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }
}
