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
 * page (our engine, vLLM and llama-server alike). A replica that does not answer in time is counted
 * as unread, never as idle: a busy CPU makes {@code /metrics} slow exactly when the load is high.
 */
public final class SignalReader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SignalReader.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final UpstreamClient client;

    public SignalReader(UpstreamClient client) {
        this.client = client;
    }

    public SignalReading read(List<URI> replicas) {
        List<Signals> each = new ArrayList<>();
        for (URI base : replicas) {
            try {
                EndpointLoad load = VllmMetricsParser.parse(client.get(URI.create(base + "/metrics"), TIMEOUT), System.nanoTime());
                each.add(new Signals(load.running(), load.waiting(), load.kvCacheUsage()));
            } catch (RuntimeException e) {
                LOG.debug("replica {}: signals not read: {}", base, e.getMessage());
            }
        }
        return new SignalReading(Signals.overReplicas(each), replicas.size(), replicas.size() - each.size());
    }
}
