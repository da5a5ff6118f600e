package dev.sovereign.gateway.balance;

import dev.sovereign.gateway.upstream.Backend;
import dev.sovereign.gateway.upstream.Endpoint;
import dev.sovereign.gateway.upstream.UpstreamClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes {@code /metrics} of every replica of the backends that ask for it, every
 * {@value #INTERVAL_MS} ms, on one virtual thread. A failed scrape leaves the old load to go
 * stale, which sends the picker back to round-robin for that backend.
 */
public final class MetricsScraper implements AutoCloseable {

    static final long INTERVAL_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsScraper.class);

    private final Supplier<Collection<Backend>> backends;
    private final UpstreamClient client;
    private final Thread thread;
    private volatile boolean running = true;

    /** Backends are read again on every round, so replicas added later are scraped too. */
    public MetricsScraper(Supplier<Collection<Backend>> backends, UpstreamClient client) {
        this.backends = backends;
        this.client = client;
        this.thread = Thread.ofVirtual().name("metrics-scraper").start(this::loop);
    }

    private List<Endpoint> endpointsToScrape() {
        return backends.get().stream()
                .filter(b -> b.settings().scrapeMetrics() && b.endpoints().size() > 1)
                .flatMap(b -> b.endpoints().stream()).toList();
    }

    private void loop() {
        while (running) {
            long start = System.nanoTime();
            for (Endpoint e : endpointsToScrape()) {
                try {
                    String page = client.get(e.resolve("/metrics"), Duration.ofMillis(250));
                    e.load(VllmMetricsParser.parse(page, System.nanoTime()));
                } catch (RuntimeException ex) {
                    LOG.debug("scrape of {} failed: {}", e, ex.getMessage());
                }
            }
            long sleep = INTERVAL_MS - (System.nanoTime() - start) / 1_000_000;
            try {
                Thread.sleep(Math.max(1, sleep));
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
