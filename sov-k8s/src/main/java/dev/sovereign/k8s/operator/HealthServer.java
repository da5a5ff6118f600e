package dev.sovereign.k8s.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The operator's probes and metrics on one port: {@code /healthz} (liveness: the operator
 * started and every informer is watching), {@code /readyz} (the same; a standby that waits
 * for the Lease is ready, it is not serving traffic), {@code /metrics} (Prometheus text).
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(InetSocketAddress address, RunningOperator running, OperatorMetrics metrics)
            throws IOException {
        Operator operator = running.operator();
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/healthz", exchange -> health(exchange, operator));
        server.createContext("/readyz", exchange -> health(exchange, operator));
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4",
                metrics.prometheusText()));
        server.start();
        return new HealthServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, Operator operator) throws IOException {
        var runtime = operator.getRuntimeInfo();
        if (!runtime.isStarted()) {
            send(exchange, 503, "text/plain", "not started\n");
        } else if (!runtime.allEventSourcesAreHealthy()) {
            send(exchange, 503, "text/plain", "unhealthy informers: " + runtime.unhealthyEventSources().keySet() + "\n");
        } else {
            send(exchange, 200, "text/plain", "ok\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
