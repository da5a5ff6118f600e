package dev.sovereign.platform;

import dev.sovereign.platform.autoscale.SignalReader;
import dev.sovereign.platform.autoscale.SignalReading;
import dev.sovereign.platform.autoscale.Signals;
import dev.sovereign.platform.deploy.Deployment;
import dev.sovereign.platform.deploy.Fleet;
import dev.sovereign.platform.reconcile.Reconciler;
import dev.sovereign.platform.replica.Replica;
import dev.sovereign.platform.replica.Sleep;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control loop of {@code sov serve}, on one thread: it polls the models folder, asks each
 * model's autoscaler at that model's polling interval, and republishes routes when a replica
 * became ready or went away. Requests that find a model at zero wake it through {@link #wake}.
 */
final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration TICK = Duration.ofMillis(200);

    private final Reconciler reconciler;
    private final Fleet fleet;
    private final SignalReader signals;
    private final Duration folderPoll;
    private final Map<String, Long> nextDecision = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final AtomicReference<String> lastError;

    /** @param lastError where the loop says what its last step failed with (null once a step succeeds again) */
    Supervisor(Reconciler reconciler, Fleet fleet, SignalReader signals, Duration folderPoll, AtomicReference<String> lastError) {
        this.lastError = lastError;
        this.reconciler = reconciler;
        this.fleet = fleet;
        this.signals = signals;
        this.folderPoll = folderPoll;
        this.thread = Thread.ofPlatform().daemon().name("sov-supervisor").start(this::loop);
    }

    private void loop() {
        long nextFolderPoll = 0;
        while (running) {
            long now = System.nanoTime();
            try {
                if (now >= nextFolderPoll) {
                    reconciler.reconcile();
                    nextFolderPoll = now + folderPoll.toNanos();
                }
                autoscale(now);
                fleet.publish();
                lastError.set(null);
            } catch (RuntimeException | Error e) {
                // An Error (OutOfMemoryError) is survivable here: what failed allocated nothing that stays, and every
                // step starts from the files and the fleet again. Dying instead would leave the platform running blind.
                lastError.set(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + e);
                LOG.error("control loop step failed ({}); it runs again in {} ms", e, TICK.toMillis(), e);
            }
            if (!Sleep.quietly(TICK)) {
                return;
            }
        }
    }

    private void autoscale(long now) {
        for (Fleet.Member member : fleet.members()) {
            Deployment d = member.deployment();
            if (!d.source().scalable() || now < nextDecision.getOrDefault(d.name(), 0L)) {
                continue;
            }
            nextDecision.put(d.name(), now + member.autoscaler().pollingInterval().toNanos());
            try {
                autoscale(d, member, now);
                d.noteProblem(null);
            } catch (RuntimeException | Error e) {
                String problem = "autoscaling failed: " + (e instanceof Error || e.getMessage() == null ? e.toString() : e.getMessage());
                d.noteProblem(problem);
                LOG.error("model {}: {}; it is tried again in {} s", d.name(), problem,
                        member.autoscaler().pollingInterval().toSeconds(), e instanceof Error ? e : null);
            }
        }
        nextDecision.keySet().retainAll(fleet.members().stream().map(m -> m.deployment().name()).toList());
    }

    private void autoscale(Deployment d, Fleet.Member member, long now) {
        synchronized (d) {
            int current = d.count();
            SignalReading reading = signals.read(d.replicas().stream().map(Replica::base).toList());
            int wanted = member.autoscaler().decide(current, reading, now);
            if (!running) {
                return; // shutting down: a read cut short by close() is no news
            }
            if (!reading.complete()) {
                LOG.info("model {}: signals of {} of {} replicas could not be read; it does not scale down on missing data",
                        d.name(), reading.unread(), reading.replicas());
            }
            if (wanted != current) {
                Signals load = reading.load();
                LOG.info("model {}: {} -> {} replicas (running {}, waiting {}, KV cache {})", d.name(), current, wanted,
                        load.running(), load.waiting(), String.format("%.2f", load.kvCacheUsage()));
                d.scaleTo(wanted);
            }
        }
    }

    /** A request waits for a model scaled to zero: start a replica now, from the request's thread. */
    void wake(String model) {
        Fleet.Member member = fleet.get(model);
        if (member == null) {
            return;
        }
        Deployment d = member.deployment();
        synchronized (d) {
            if (d.count() == 0) {
                LOG.info("model {}: a request arrived while at zero replicas; starting one", model);
                d.scaleTo(member.autoscaler().wake(0, System.nanoTime()));
            }
        }
        fleet.publish();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
