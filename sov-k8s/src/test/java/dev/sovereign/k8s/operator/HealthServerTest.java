package dev.sovereign.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.Operator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The probes fail while the operator is not running, so the kubelet restarts a pod whose operator never started. */
class HealthServerTest extends OnApplyingMockServer {

    @Test
    void probesAnswer503UntilTheOperatorHasStarted() throws Exception {
        Operator notStarted = new Operator(o -> o.withKubernetesClient(mock.client()).withCloseClientOnStop(false));
        OperatorMetrics metrics = new OperatorMetrics();
        try (HealthServer health = HealthServer.start(new InetSocketAddress("127.0.0.1", 0),
                new RunningOperator(notStarted, new AtomicBoolean()), metrics)) {
            assertThat(status(health, "/healthz")).isEqualTo(503);
            assertThat(status(health, "/readyz")).isEqualTo(503);
            assertThat(status(health, "/metrics")).as("metrics answer regardless").isEqualTo(200);
        }
    }

    private static int status(HealthServer server, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
