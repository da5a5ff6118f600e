package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.server.EngineLauncher;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code sov bench engine --peer-url}: the peer is a real server on loopback, timed on the same token ids. */
class BenchEngineCommandTest extends CliTest {

    @Test
    @NeedsSharedData("fixtures/gguf/llama-2-tiny-random.gguf")
    void measuresOurEngineNextToAPeerServerOnTheSameModel() {
        Path gguf = SharedData.file("fixtures/gguf/llama-2-tiny-random.gguf");
        try (EngineLauncher.Running peer = EngineLauncher.start(new EngineLauncher.Options(gguf, "127.0.0.1", 0, "peer",
                1, 0, 16L << 20, false, null, EngineLauncher.DEFAULT_MAX_WAITING, 1))) {
            int code = run("bench", "engine", "--model", gguf.toString(), "--threads", "1", "--prompt-tokens", "24",
                    "--decode-tokens", "6", "--rounds", "1", "--peer-url", "http://127.0.0.1:" + peer.server().port(),
                    "--peer-name", "the peer", "--peer-model", "peer");
            assertThat(code).as(err.toString()).isZero();
        }
        assertThat(out.toString()).contains("| | Sovereign | the peer | ratio | bandwidth limit | share of limit |");
        String prefill = out.toString().lines().filter(l -> l.startsWith("| prefill tok/s (24-token prompt) |"))
                .findFirst().orElseThrow();
        // both engines measured: no NaN in the row
        assertThat(prefill).doesNotContain("NaN");
        assertThat(err.toString()).contains("round 1 the peer: prefill ").contains("(24 tokens)");
    }

    @Test
    void withoutAPeerOnlyOurColumnIsMeasured() {
        assertThat(run("bench", "engine", "--help")).isZero();
        assertThat(out.toString()).contains("--peer-url", "--peer-name", "--peer-model").doesNotContain("--no-llama-cpp");
    }
}
