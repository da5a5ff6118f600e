package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.server.EngineLauncher;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code sov bench serving}: flags, --help, an unreachable server, and a real run against a {@code sov engine} server. */
class BenchServingCommandTest extends CliTest {

    @Test
    void helpListsEveryFlag() {
        assertThat(run("bench", "serving", "--help")).isZero();
        assertThat(out.toString()).contains("--url", "--model", "--concurrency", "--prompt-tokens", "--output-tokens",
                "--requests", "--api-key", "--endpoint", "ignore_eos");
    }

    @Test
    void badFlagsAreOneLineNamingTheFlagAndExit2() {
        assertServingUsageError("--concurrency: must be at least 1, got 0", "--url", "http://127.0.0.1:1", "--model", "m",
                "--concurrency", "1,0");
        assertServingUsageError("'--concurrency'", "--url", "http://127.0.0.1:1", "--model", "m", "--concurrency", "1,x");
        assertServingUsageError("--prompt-tokens: must be at least 1, got -5", "--url", "http://127.0.0.1:1", "--model", "m",
                "--prompt-tokens", "-5");
        assertServingUsageError("--requests: must be at least 1, got 0", "--url", "http://127.0.0.1:1", "--model", "m",
                "--requests", "0");
        assertServingUsageError("--endpoint: expected completions or chat, got 'embeddings'", "--url", "http://127.0.0.1:1",
                "--model", "m", "--endpoint", "embeddings");
        assertServingUsageError("--url: expected http://HOST:PORT or https://HOST:PORT, got 'localhost:8000'", "--url",
                "localhost:8000", "--model", "m");
        assertServingUsageError("Missing required option: '--url=<url>'", "--model", "m");
    }

    @Test
    void anUnreachableServerIsOneLineAndExit1() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(run("bench", "serving", "--url", "http://127.0.0.1:" + port, "--model", "m")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("sov bench serving: cannot reach http://127.0.0.1:" + port + " (");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void measuresARealEngineServerOnLoopback() {
        Path tiny = Path.of(System.getProperty("sov.root"), "models", "sov-tiny");
        try (EngineLauncher.Running engine = EngineLauncher.start(new EngineLauncher.Options(tiny, "127.0.0.1", 0,
                "sov-tiny", 4, 512, 32L << 20, true, null, EngineLauncher.DEFAULT_MAX_WAITING, 2))) {
            int code = run("bench", "serving", "--url", "http://127.0.0.1:" + engine.server().port() + "/v1",
                    "--model", "sov-tiny", "--concurrency", "1,2", "--prompt-tokens", "40", "--output-tokens", "8",
                    "--requests", "3");
            assertThat(code).as(err.toString()).isZero();
        }
        String[] rows = out.toString().lines().filter(l -> l.matches("\\| [0-9]+ \\|.*")).toArray(String[]::new);
        assertThat(rows).hasSize(2);
        // concurrency, 3 ok / 0 failed, prompt tokens, 3 x 8 output tokens, none short of max_tokens
        assertThat(rows[0]).startsWith("| 1 | 3 / 0 | ").contains(" | 24 | 0 | ");
        assertThat(rows[1]).startsWith("| 2 | 3 / 0 | ").contains(" | 24 | 0 | ");
        assertThat(out.toString()).contains("max_tokens 8, ignore_eos, temperature 0");
        assertThat(err.toString()).contains("bench serving: concurrency 2: 3 requests");
    }

    private void assertServingUsageError(String expected, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "bench";
        args[1] = "serving";
        System.arraycopy(flags, 0, args, 2, flags.length);
        assertUsageError(expected, args);
    }
}
