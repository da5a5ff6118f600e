package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server command whose port another program holds says so in one line and exits 1, instead of a
 * stack trace and a server "listening" on port -1 that never stops. The timeout turns that hang into a failure.
 */
class PortInUseTest extends CliTest {

    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ServerSocket taken;

    @BeforeEach
    void takeAPort() throws IOException {
        taken = new ServerSocket();
        taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void release() throws IOException {
        taken.close();
    }

    @Test
    void gateway() {
        Path keys = write("keys.txt", "team=sk-test-key\n");
        int code = assertTimeoutPreemptively(NO_HANG, () -> run("gateway", "--api-key-file", keys.toString(),
                "--config", config().toString(), "--port", port()));
        assertOneLineNamingThePort(code, "sov gateway");
    }

    @Test
    void serve() {
        Path models = dir.resolve("models");
        int code = assertTimeoutPreemptively(NO_HANG, () -> {
            Files.createDirectories(models);
            return run("serve", "--models", models.toString(), "--config", config().toString(), "--api-key", "t=sk-test",
                    "--port", port());
        });
        assertOneLineNamingThePort(code, "sov serve");
        assertThat(out.toString()).doesNotContain("serving");
    }

    @Test
    @NeedsSharedData("fixtures/gguf/llama-2-tiny-random.gguf")
    void engine() {
        int code = assertTimeoutPreemptively(NO_HANG, () -> run("engine", "--model",
                SharedData.file("fixtures/gguf/llama-2-tiny-random.gguf").toString(), "--port", port()));
        assertOneLineNamingThePort(code, "sov engine");
    }

    private void assertOneLineNamingThePort(int code, String command) {
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith(command + ": port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                .contains("--port").doesNotContain("\n").doesNotContain("Exception");
    }

    private String port() {
        return Integer.toString(taken.getLocalPort());
    }

    /** A data folder inside the test's own folder, so no key or ledger lands in the user's. */
    private Path config() {
        return write("sov.yaml", "dataDir: " + dir.resolve("data") + "\n");
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
