package dev.sovereign.platform.deploy;

import dev.sovereign.platform.replica.Replica;
import dev.sovereign.platform.replica.ReplicaSource;
import dev.sovereign.platform.replica.Sleep;
import dev.sovereign.spec.inference.InferenceService;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One declared model at run time: the InferenceService it was made from, where that came from,
 * and its replicas. Scaling down takes a replica out of the list first (so the gateway stops
 * sending to it), then lets it finish its requests before it stops.
 */
public final class Deployment {

    private static final Logger LOG = LoggerFactory.getLogger(Deployment.class);

    private final InferenceService service;
    private final String file;
    private final ReplicaSource source;
    private final Duration drainGrace;
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private int started;
    private volatile String noted;

    public Deployment(InferenceService service, String file, ReplicaSource source, Duration drainGrace) {
        this.service = service;
        this.file = file;
        this.source = source;
        this.drainGrace = drainGrace;
    }

    public String name() {
        return service.name();
    }

    public InferenceService service() {
        return service;
    }

    public String file() {
        return file;
    }

    public ReplicaSource source() {
        return source;
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public int count() {
        return replicas.size();
    }

    /** Base URLs of the replicas that answer now. */
    public List<URI> readyEndpoints() {
        return replicas.stream().filter(Replica::ready).map(Replica::base).toList();
    }

    /** Starts or drains replicas until there are {@code wanted}. */
    public synchronized void scaleTo(int wanted) {
        if (!source.scalable()) {
            wanted = 1;
        }
        while (replicas.size() < wanted) {
            replicas.add(source.start(started++));
        }
        List<Replica> surplus = new ArrayList<>();
        while (replicas.size() > wanted) {
            surplus.add(replicas.removeLast());
        }
        if (!surplus.isEmpty()) {
            LOG.info("model {}: {} replica(s) leave; they finish their requests first", name(), surplus.size());
            Thread.ofVirtual().name("drain-" + name()).start(() -> surplus.forEach(r -> r.stop(drainGrace)));
        }
    }

    /** Waits until every replica answers, up to {@code limit}; false if some did not. */
    public boolean awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!replicas.stream().allMatch(Replica::ready)) {
            if (System.nanoTime() > deadline || !Sleep.quietly(Duration.ofMillis(50))) {
                return false;
            }
        }
        return true;
    }

    /** Stops every replica, each after its requests end (bounded by the grace), and frees shared weights. */
    public synchronized void stop() {
        List<Replica> all = new ArrayList<>(replicas);
        replicas.clear();
        all.parallelStream().forEach(r -> r.stop(drainGrace));
        source.release();
    }

    /** The problem noted by the control loop (a failed scaling step), else the first a replica reports, if any. */
    public String problem() {
        String problem = noted;
        return problem != null ? problem : replicas.stream().map(Replica::problem).filter(p -> p != null).findFirst().orElse(null);
    }

    /** What went wrong with this deployment outside its replicas (null: nothing now). */
    public void noteProblem(String problem) {
        this.noted = problem;
    }
}
