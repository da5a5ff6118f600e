package dev.sovereign.platform.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.upstream.UpstreamClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a process replica reaches every process it started, not only the direct child: SIGTERM to the whole
 * tree, then SIGKILL to what ignored it. Real child processes (bash starting a sleep), no server needed.
 */
class ProcessStopTest {

    @TempDir
    Path dir;

    @Test
    void sigtermReachesTheProcessesTheServerStarted() throws Exception {
        Path pids = dir.resolve("worker.pid");
        ProcessReplica replica = replica("sleep 600 & echo $! > " + pids + "; wait");
        long worker = awaitPid(pids);
        long started = System.nanoTime();
        replica.stop(Duration.ofSeconds(1));
        assertThat(alive(worker)).as("the worker the server started got SIGTERM too").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("SIGTERM was enough: no wait for SIGKILL")
                .isLessThan(ProcessReplica.TERM_GRACE);
    }

    @Test
    void whatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Path pids = dir.resolve("stubborn.pid");
        // an ignored signal stays ignored in the children: both the shell and its sleep ignore SIGTERM
        ProcessReplica replica = replica("trap '' TERM; sleep 600 & echo $! > " + pids + "; wait; wait");
        long worker = awaitPid(pids);
        long started = System.nanoTime();
        replica.stop(Duration.ofSeconds(1));
        assertThat(alive(worker)).as("SIGKILL ended the stubborn worker").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited for SIGTERM first")
                .isGreaterThanOrEqualTo(ProcessReplica.TERM_GRACE);
    }

    private ProcessReplica replica(String script) {
        // no server answers on this port: the replica never becomes ready, and its drain finds no metrics (idle)
        return new ProcessReplica("stop-test", List.of("bash", "-c", script), URI.create("http://127.0.0.1:9"),
                dir.resolve("logs/replica.log"), new UpstreamClient());
    }

    private static long awaitPid(Path file) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.isRegularFile(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).trim());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child never started its worker");
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }
}
