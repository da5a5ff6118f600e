package dev.sovereign.platform.autoscale;

import dev.sovereign.gateway.balance.EndpointLoad;
import dev.sovereign.gateway.balance.VllmMetricsParser;
import dev.sovereign.gateway.upstream.UpstreamClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads each replica's signals where KEDA reads them: the vLLM metric names on its {@code /metrics}
 * page (our engine, vLLM and llama-server alike). A replica that does not answer counts as idle.
 */
public final class SignalReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final UpstreamClient client;

    public SignalReader(UpstreamClient client) {
        this.client = client;
    }

    public Signals read(List<URI> replicas) {
        List<Signals> each = new ArrayList<>();
        for (URI base : replicas) {
            try {
                EndpointLoad load = VllmMetricsParser.parse(client.get(URI.create(base + "/metrics"), TIMEOUT), System.nanoTime());
                each.add(new Signals(load.running(), load.waiting(), load.kvCacheUsage()));
            } catch (RuntimeException e) {
                each.add(Signals.IDLE);
            }
        }
        return Signals.maxOf(each);
    }
}
