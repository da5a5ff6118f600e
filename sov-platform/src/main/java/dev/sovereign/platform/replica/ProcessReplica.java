package dev.sovereign.platform.replica;

import dev.sovereign.gateway.upstream.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any OpenAI-compatible server run as a child process ({@code vllm serve}, {@code llama-server},
 * {@code sov engine}): started, health-checked on {@code /health}, restarted with exponential
 * backoff when it dies, and stopped with SIGTERM, then SIGKILL after the grace period.
 */
public final class ProcessReplica implements Replica {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessReplica.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

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
        p.destroy(); // SIGTERM: servers finish what they are doing
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("replica {}: still running {} s after SIGTERM; killing it", name, grace.toSeconds());
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
