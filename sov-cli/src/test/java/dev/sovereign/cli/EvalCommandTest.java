package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sov eval} as the user calls it: exit codes and one-line errors (the runner itself is tested in sov-eval). */
class EvalCommandTest extends CliTest {

    @TempDir
    Path dir;

    @Test
    void missingSuiteIsOneLineAndExit1() {
        assertThat(run("eval", "-c", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("sov eval: ").endsWith("nope.yaml: file not found").doesNotContain("\n");
    }

    @Test
    void configIsRequired() {
        assertThat(run("eval")).isEqualTo(2);
        assertThat(err.toString()).contains("--config");
    }

    @Test
    void unreachableModelGivesErrorRowsTheTableAndExit100() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                prompts: ["{{q}}"]
                providers: [{ id: openai:chat:m, config: { apiBaseUrl: http://127.0.0.1:%d/v1, apiKey: k } }]
                tests: [{ description: capital, vars: { q: "Capital of France?" }, assert: [{ type: icontains, value: paris }] }]
                """.formatted(port));
        Path metrics = dir.resolve("metrics.prom");
        assertThat(run("eval", "-c", suite.toString(), "--retries", "0", "--metrics", metrics.toString())).isEqualTo(100);
        assertThat(out.toString()).contains("capital").contains("ERROR").contains("Passed 0, failed 0, errors 1");
        assertThat(Files.readString(metrics)).contains("promptfoo_test_failed{category=\"unknown\"} 1");
        assertThat(run("eval", "-c", suite.toString(), "--retries", "0", "--pass-rate-threshold", "0")).isZero();
    }
}
