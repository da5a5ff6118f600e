package dev.sovereign.platform.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sovereign.gateway.upstream.UpstreamClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas whose {@code /metrics} cannot be read (too slow, gone) are unknown, not idle: the model
 * never scales down on that, and scales up only on what the replicas that answered show.
 */
class MissingSignalsTest {

    private static final long S = 1_000_000_000L;

    private HttpServer busy;
    private ServerSocket silent;
    private URI closed;

    @BeforeEach
    void replicas() throws IOException {
        busy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        busy.createContext("/metrics", exchange -> {
            byte[] page = """
                    vllm:num_requests_running{model_name="m"} 9.0
                    vllm:num_requests_waiting{model_name="m"} 0.0
                    vllm:kv_cache_usage_perc{model_name="m"} 0.3
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        busy.start();
        // accepts connections (the kernel does) and never answers: a replica whose CPU is saturated
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + gone.getLocalPort());
        }
    }

    @AfterEach
    void stop() throws IOException {
        busy.stop(0);
        silent.close();
    }

    private static ScalingPolicy policy(int min, int max) {
        return new ScalingPolicy(min, max, Duration.ofSeconds(15), Duration.ofSeconds(300), 0.7, 0.6, 8, 10);
    }

    @Test
    void unreadReplicasAreCountedAsUnreadNotIdle() {
        SignalReading reading = new SignalReader(new UpstreamClient()).read(List.of(uri(busy.getAddress().getPort()),
                uri(silent.getLocalPort()), closed));
        assertThat(reading.replicas()).isEqualTo(3);
        assertThat(reading.unread()).isEqualTo(2);
        assertThat(reading.complete()).isFalse();
        assertThat(reading.load()).isEqualTo(new Signals(9, 0, 0.3));
    }

    @Test
    void nothingReadChangesNothing() {
        SignalReading none = new SignalReader(new UpstreamClient()).read(List.of(uri(silent.getLocalPort()), closed));
        assertThat(none.nothingRead()).isTrue();
        Autoscaler a = new Autoscaler(policy(1, 5));
        assertThat(a.decide(2, none, 1000 * S)).as("idle-looking, yet no scale-down").isEqualTo(2);
    }

    @Test
    void partialDataScalesUpOnWhatAnsweredButNeverDown() {
        Autoscaler a = new Autoscaler(policy(1, 5));
        SignalReading quietHalf = new SignalReading(Signals.IDLE, 2, 1);
        assertThat(a.decide(2, quietHalf, 1000 * S)).as("the unread replica may be the busy one").isEqualTo(2);
        SignalReading busyHalf = new SignalReading(new Signals(8, 0, 0), 2, 1);
        assertThat(a.decide(2, busyHalf, 1001 * S)).as("ceil(2 x 8 running / 10 seqs / 0.7)").isEqualTo(3);
        assertThat(a.decide(3, new SignalReading(Signals.IDLE, 3, 0), 1400 * S)).as("complete idle data, after the cooldown")
                .isEqualTo(1);
    }

    private static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }
}
