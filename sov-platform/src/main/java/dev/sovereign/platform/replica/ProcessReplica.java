package dev.sovereign.platform.replica;

import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.platform.autoscale.SignalReader;
import dev.sovereign.platform.autoscale.SignalReading;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any OpenAI-compatible server run as a child process ({@code vllm serve}, {@code llama-server},
 * {@code sov engine}): started, health-checked on {@code /health}, restarted with exponential
 * backoff when it dies. Stopping drains first: while its {@code /metrics} shows requests running or waiting, up to
 * the drain grace; then SIGTERM to the process and every process it started (a server's workers), then SIGKILL to
 * whatever is left {@link #TERM_GRACE} later.
 */
public final class ProcessReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessReplica.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    /** From SIGTERM to SIGKILL, as {@code docker stop} waits. */
    static final Duration TERM_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final List<String> command;
    private final URI base;
    private final Path log;
    private final UpstreamClient client;
    private final Thread supervisor;
    private volatile Process process;
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile String problem;
    private volatile int restarts;

    /**
     * @param command the command line with its placeholders already filled in
     * @param base    where the command's server listens
     * @param log     file receiving the process's standard output and error (appended)
     */
    public ProcessReplica(String name, List<String> command, URI base, Path log, UpstreamClient client) {
        this.name = name;
        this.command = List.copyOf(command);
        this.base = base;
        this.log = log;
        this.client = client;
        this.supervisor = Thread.ofVirtual().name("process-replica-" + name).start(this::supervise);
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopping) {
            try {
                launch();
            } catch (IOException e) {
                problem = "cannot start '" + command.getFirst() + "': " + e.getMessage();
                LOG.warn("replica {}: {}", name, problem);
            }
            long started = System.nanoTime();
            while (!stopping && process != null && process.isAlive()) {
                ready = healthy();
                if (ready) {
                    problem = null;
                }
                if (!Sleep.quietly(Duration.ofMillis(ready ? 1000 : 200))) {
                    return;
                }
            }
            ready = false;
            if (stopping) {
                return;
            }
            if (process != null) {
                problem = "the process exited with status " + process.exitValue() + " (log: " + log.getFileName() + ")";
                LOG.warn("replica {}: {}; restarting in {} s", name, problem, backoff.toSeconds());
            }
            // A replica that ran a while before dying starts the backoff again from the bottom.
            if (System.nanoTime() - started > MAX_BACKOFF.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            if (!Sleep.quietly(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts++;
        }
    }

    private void launch() throws IOException {
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        LOG.info("replica {}: started {} (pid {}, log {}), to serve at {}", name, command.getFirst(), process.pid(), log, base);
    }

    private boolean healthy() {
        try {
            return client.status(base.resolve("/health"), HEALTH_TIMEOUT) == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public String problem() {
        return problem;
    }

    /** Times the process was started again after dying. */
    public int restarts() {
        return restarts;
    }

    @Override
    public void stop(Duration grace) {
        stopping = true;
        ready = false;
        supervisor.interrupt();
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        drain(p, grace);
        // The tree is taken before the first signal: workers whose parent dies are re-parented and would be lost.
        List<ProcessHandle> tree = new java.util.ArrayList<>(p.descendants().toList());
        tree.addFirst(p.toHandle());
        LOG.info("replica {}: SIGTERM to pid {} and the {} process(es) it started", name, p.pid(), tree.size() - 1);
        tree.forEach(ProcessHandle::destroy);
        awaitEnd(tree, TERM_GRACE);
        List<ProcessHandle> left = tree.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            LOG.warn("replica {}: {} process(es) still running {} s after SIGTERM; SIGKILL", name, left.size(), TERM_GRACE.toSeconds());
            left.forEach(ProcessHandle::destroyForcibly);
            awaitEnd(left, Duration.ofSeconds(5));
        }
    }

    private static void awaitEnd(List<ProcessHandle> processes, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            if (!Sleep.quietly(Duration.ofMillis(50))) {
                return;
            }
        }
    }

    /** Waits while the server reports requests running or waiting, up to {@code grace}; a server without metrics is idle. */
    private void drain(Process p, Duration grace) {
        SignalReader signals = new SignalReader(client);
        long deadline = System.nanoTime() + grace.toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            SignalReading reading = signals.read(List.of(base));
            if (!reading.complete() || reading.load().running() + reading.load().waiting() == 0) {
                return;
            }
            if (!Sleep.quietly(Duration.ofMillis(200))) {
                return;
            }
        }
    }
}
