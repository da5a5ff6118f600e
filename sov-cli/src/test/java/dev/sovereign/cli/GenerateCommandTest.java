package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code sov generate} end to end: stdout is exactly the generated text, errors are one line with exit 1. */
class GenerateCommandTest extends CliTest {
    private static final String LLAMA2_TINY_RANDOM = "fixtures/gguf/llama-2-tiny-random.gguf";

    @Test
    @NeedsSharedData(LLAMA2_TINY_RANDOM)
    void greedyTextOnTheSharedFixtureIsWhatLlamaCppGenerates() {
        Path gguf = SharedData.file(LLAMA2_TINY_RANDOM);
        assertThat(run("generate", "--model", gguf.toString(), "--prompt", "Hello world, this is",
                "--max-tokens", "8", "--threads", "1")).isZero();
        // llama.cpp b4916's greedy continuation of the same prompt (see SharedFixtureAgreementTest)
        assertThat(out.toString()).isEqualTo("古 swochadoor execut Warner Thoughcircle" + System.lineSeparator());
    }

    @Test
    void aBadSamplingFlagIsOneLineNamingTheFlag() {
        Path gguf = Path.of(System.getProperty("sov.shared"), "fixtures", "gguf", "llama-2-tiny-random.gguf");
        assertThat(run("generate", "--model", gguf.toString(), "--prompt", "x", "--max-tokens", "0")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("sov generate: --max-tokens: must be at least 1, got 0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingModelIsOneLineAndExit1() {
        assertThat(run("generate", "--model", "no-such-model.gguf", "--prompt", "x")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("sov generate: model not found: no-such-model.gguf");
        assertThat(out.toString()).isEmpty();
    }
}
