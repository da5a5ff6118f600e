package dev.sovereign.gateway.auth;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a replica's keys in step with a store other replicas write: polls the store's revision every
 * {@code interval} and reloads when it moved, so a key revoked on one replica is refused by every other within
 * that interval plus one read (ADR 0124). A failing store leaves the keys as they were and logs once per outage.
 */
public final class KeyRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRefresher.class);

    private final KeyRegistry keys;
    private final long intervalMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private long seen;
    private boolean failing;

    public KeyRefresher(KeyRegistry keys, Duration interval) {
        this.keys = keys;
        this.intervalMillis = interval.toMillis();
        this.seen = keys.storeRevision();
        this.thread = Thread.ofPlatform().daemon().name("key-refresher").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            poll();
        }
    }

    private void poll() {
        try {
            long revision = keys.storeRevision();
            if (revision != seen) {
                keys.reload();
                seen = revision;
            }
            if (failing) {
                LOG.info("the key store answers again; keys are current");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot read the key store, keeping the keys as they were: {}", e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
