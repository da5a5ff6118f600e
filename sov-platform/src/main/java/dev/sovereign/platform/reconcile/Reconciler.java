package dev.sovereign.platform.reconcile;

import dev.sovereign.platform.autoscale.Autoscaler;
import dev.sovereign.platform.autoscale.ScalingPolicy;
import dev.sovereign.platform.deploy.Deployment;
import dev.sovereign.platform.deploy.Fleet;
import dev.sovereign.platform.deploy.SourceFactory;
import dev.sovereign.platform.replica.ReplicaSource;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the running models follow the files of the models folder, like Flux follows a GitOps
 * repository: a new file starts its model, a changed one replaces it (the old replicas serve until
 * the new ones are ready), a deleted one stops it after its requests finish. A file that does not
 * validate is reported and the last good version of its models keeps serving. Each model's rollout runs on
 * a worker of its own ({@link Rollout}); a model that failed is retried with backoff ({@link Retry}).
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** Settings of the rollouts. */
    public record Settings(double timeScale, Duration drainGrace, Duration startTimeout) {
    }

    private final Path folder;
    private final SourceFactory sources;
    private final Fleet fleet;
    private final Settings settings;
    private FolderSnapshot seen = new FolderSnapshot(Map.of());
    private final Map<Path, List<Declaration>> lastGood = new TreeMap<>();
    private final Map<Path, List<Problem>> fileProblems = new ConcurrentHashMap<>();
    private volatile Map<Path, List<Problem>> clashes = Map.of();
    private final Map<String, String> modelErrors = new ConcurrentHashMap<>();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    private final Map<String, Rollout> rollouts = new ConcurrentHashMap<>();
    // read by sov status without the lock, which a reconcile pass holds
    private volatile Map<String, Path> declared = Map.of();

    public Reconciler(Path folder, SourceFactory sources, Fleet fleet, Settings settings) {
        this.folder = folder;
        this.sources = sources;
        this.fleet = fleet;
        this.settings = settings;
    }

    public Path folder() {
        return folder;
    }

    /** Problems of the files that do not validate now, by file. */
    public Map<Path, List<Problem>> fileProblems() {
        Map<Path, List<Problem>> all = new TreeMap<>(fileProblems);
        clashes.forEach((file, problems) -> all.merge(file, problems, Reconciler::concat));
        return all;
    }

    private static List<Problem> concat(List<Problem> a, List<Problem> b) {
        List<Problem> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Why the latest version of a model is not the one running (weights missing, failed start), by model. */
    public Map<String, String> modelErrors() {
        return Map.copyOf(modelErrors);
    }

    /** When each model that failed to start is tried again (sooner if the weights it lacked appear), by model. */
    public Map<String, Instant> nextRetries() {
        Map<String, Instant> due = new TreeMap<>();
        retries.forEach((name, retry) -> due.put(name, retry.due()));
        return due;
    }

    /** Since when each model whose replicas are starting has been waiting for them, by model. */
    public Map<String, Instant> starting() {
        Map<String, Instant> since = new TreeMap<>();
        rollouts.forEach((name, rollout) -> since.put(name, rollout.started()));
        return since;
    }

    /** Where each declared model comes from. */
    public Map<String, Path> declaredModels() {
        return declared;
    }

    /** Waits until no rollout is in progress (the first pass at start-up), up to {@code limit}; false if some still are. */
    public boolean awaitRollouts(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!rollouts.isEmpty()) {
            if (System.nanoTime() > deadline || !dev.sovereign.platform.replica.Sleep.quietly(Duration.ofMillis(50))) {
                return false;
            }
        }
        return true;
    }

    /** Cancels the rollouts in progress and waits (bounded) while each stops the replicas it started. */
    public void cancelRollouts() {
        List<Rollout> cancelled = List.copyOf(rollouts.values());
        rollouts.clear();
        cancelled.forEach(Rollout::cancel);
        cancelled.forEach(rollout -> rollout.awaitEnd(settings.drainGrace()));
    }

    /** One pass: reads what changed in the folder and applies it, or retries a failed model that is due. True when it acted. */
    public synchronized boolean reconcile() {
        FolderSnapshot now = FolderSnapshot.of(folder);
        if (now.equals(seen)) {
            if (retries.values().stream().noneMatch(r -> r.wanted(r.declaration(), Instant.now(), () -> weightsPresent(r.declaration())))) {
                return false;
            }
            apply(desired());
            return true;
        }
        Set<Path> declaring = declaringFiles();
        for (Path file : declaring) {
            String digest = now.digests().get(file);
            if (digest != null && digest.equals(seen.digests().get(file)) && (lastGood.containsKey(file) || fileProblems.containsKey(file))) {
                continue;
            }
            read(file);
        }
        lastGood.keySet().removeIf(file -> !declaring.contains(file));
        fileProblems.keySet().removeIf(file -> !declaring.contains(file));
        Map<String, Path> names = new LinkedHashMap<>();
        lastGood.forEach((file, declarations) -> declarations.forEach(d -> names.putIfAbsent(d.name(), file)));
        declared = Map.copyOf(names);
        seen = now;
        apply(desired());
        return true;
    }

    private Set<Path> declaringFiles() {
        try {
            return new HashSet<>(InferenceServiceFiles.declarationsIn(folder));
        } catch (IOException e) {
            LOG.warn("cannot read the models folder {}: {}", folder, e.getMessage());
            return new HashSet<>(lastGood.keySet());
        }
    }

    private void read(Path file) {
        List<Loaded<InferenceService>> loaded = InferenceServiceFiles.load(file);
        List<Problem> problems = loaded.stream().flatMap(l -> l.problems().stream()).toList();
        if (problems.isEmpty()) {
            lastGood.put(file, loaded.stream().map(l -> new Declaration(l.value(), file)).toList());
            fileProblems.remove(file);
            return;
        }
        fileProblems.put(file, problems);
        problems.forEach(p -> LOG.warn("{}", p));
        if (lastGood.containsKey(file)) {
            LOG.warn("{} does not validate; its last good version keeps serving", file.getFileName());
        }
    }

    private Map<String, Declaration> desired() {
        Map<String, Declaration> desired = new LinkedHashMap<>();
        Map<Path, List<Problem>> found = new TreeMap<>();
        lastGood.forEach((file, declarations) -> {
            for (Declaration d : declarations) {
                Declaration first = desired.putIfAbsent(d.name(), d);
                if (first != null) {
                    Problem clash = new Problem(file.toString(), 0, "metadata.name",
                            "model '" + d.name() + "' is already declared in " + first.file());
                    found.merge(file, List.of(clash), Reconciler::concat);
                    LOG.warn("{}", clash);
                }
            }
        });
        clashes = found;
        return desired;
    }

    private void apply(Map<String, Declaration> desired) {
        rollouts.forEach((name, rollout) -> {
            if (!rollout.declaration().equals(desired.get(name))) {
                LOG.info("model {}: its declaration changed or went away while it started; that start is cancelled", name);
                rollouts.remove(name);
                rollout.cancel();
            }
        });
        for (Fleet.Member member : fleet.members()) {
            String name = member.deployment().name();
            if (!desired.containsKey(name)) {
                LOG.info("model {}: its file is gone; it stops once its requests finish", name);
                fleet.remove(name);
                modelErrors.remove(name);
                stopLater(member.deployment());
            }
        }
        for (Declaration d : desired.values()) {
            Fleet.Member current = fleet.get(d.name());
            if (current != null && current.deployment().service().equals(d.service())) {
                retries.remove(d.name());
                continue;
            }
            Retry retry = retries.get(d.name());
            if (rollouts.containsKey(d.name()) || retry != null && !retry.wanted(d, Instant.now(), () -> weightsPresent(d))) {
                continue;
            }
            Thread worker = Thread.ofVirtual().name("rollout-" + d.name()).unstarted(() -> rollOutOnWorker(d, current, retry));
            rollouts.put(d.name(), new Rollout(d, worker, Instant.now()));
            worker.start();
        }
        retries.keySet().retainAll(desired.keySet());
        modelErrors.keySet().retainAll(desired.keySet());
    }

    /** One model's rollout, off the loop; its outcome counts only if nothing replaced or cancelled it meanwhile. */
    private void rollOutOnWorker(Declaration d, Fleet.Member current, Retry retry) {
        Deployment next;
        try {
            next = rollOut(d, current);
        } catch (RuntimeException | Error e) {
            // An Error too (OutOfMemoryError above all): the worker must not die with the rollout still listed as
            // starting, or the model would stay at 0/0 with no error and never be tried again.
            if (e instanceof Error) {
                LOG.error("model {}: its start failed with {}", d.name(), e.toString(), e);
            }
            synchronized (this) {
                if (finishRollout(d)) {
                    recordFailure(d, current, retry, e);
                }
            }
            return;
        }
        synchronized (this) {
            if (!finishRollout(d)) {
                stopLater(next);
                return;
            }
            LOG.info("model {}: {} with {} replica(s) ({} engine)", d.name(), current == null ? "started" : "replaced",
                    next.count(), next.source().kind());
            Fleet.Member previous = fleet.put(new Fleet.Member(next, new Autoscaler(ScalingPolicy.of(d.service().spec(),
                    settings.timeScale()))));
            if (previous != null) {
                stopLater(previous.deployment());
            }
            modelErrors.remove(d.name());
            retries.remove(d.name());
        }
    }

    /** Ends the rollout of {@code d} if it is still the one in progress for its model. */
    private boolean finishRollout(Declaration d) {
        Rollout rollout = rollouts.get(d.name());
        if (rollout == null || rollout.worker() != Thread.currentThread()) {
            return false;
        }
        rollouts.remove(d.name());
        return true;
    }

    private void recordFailure(Declaration d, Fleet.Member current, Retry retry, Throwable e) {
        String message = e instanceof Error || e.getMessage() == null ? e.toString() : e.getMessage();
        Retry next = Retry.after(retry, d, Instant.now(), !weightsPresent(d));
        // the retry first: a status read in between then never shows an error without when it is tried again
        retries.put(d.name(), next);
        modelErrors.put(d.name(), message);
        LOG.warn("model {}: {}{}; next try in {} s{}", d.name(), message,
                current == null ? "" : "; the previous version keeps serving",
                Retry.delay(next.attempt()).toSeconds(), next.weightsMissing() ? ", or as soon as its weights are here" : "");
    }

    /** Whether the weights of a declaration are on this machine, asking no hub. */
    private boolean weightsPresent(Declaration d) {
        return sources.weightsPresent(d.service(), d.file().getParent());
    }

    /** Starts the replicas of {@code d} and waits until they are ready; throws (having stopped them) if they are not. */
    private Deployment rollOut(Declaration d, Fleet.Member current) {
        ReplicaSource source = sources.sourceFor(d.service(), d.file().getParent());
        ScalingPolicy policy = ScalingPolicy.of(d.service().spec(), settings.timeScale());
        Deployment next = new Deployment(d.service(), d.file().toString(), source, settings.drainGrace());
        int replicas = current == null ? policy.initialReplicas()
                : Math.clamp(current.deployment().count(), policy.minReplicas(), policy.maxReplicas());
        try {
            next.scaleTo(replicas);
        } catch (RuntimeException | Error e) {
            next.stop(); // the replicas that did start before the failing one
            throw e;
        }
        if (!next.awaitReady(settings.startTimeout())) {
            // a cancelled wait still stops its replicas in full: clear the interrupt before stopping them
            boolean cancelled = Thread.interrupted();
            String problem = next.problem();
            next.stop();
            throw new IllegalStateException(cancelled ? "its start was cancelled"
                    : "its replicas were not ready within " + settings.startTimeout().toSeconds() + " s"
                    + (problem == null ? "" : ": " + problem));
        }
        return next;
    }

    private static void stopLater(Deployment deployment) {
        Thread.ofVirtual().name("stop-" + deployment.name()).start(deployment::stop);
    }
}
