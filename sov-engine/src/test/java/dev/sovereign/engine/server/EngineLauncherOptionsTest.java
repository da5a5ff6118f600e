package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Bad engine flags are refused before any model loads, with the flag named. */
class EngineLauncherOptionsTest {

    private static EngineLauncher.Options options(int maxNumSeqs, int maxNumBatchedTokens) {
        return new EngineLauncher.Options(Path.of("no-such-model.gguf"), "127.0.0.1", 0, "m", maxNumSeqs, 0, 0, true,
                null, 16, 1, maxNumBatchedTokens);
    }

    @Test
    void aNegativeStepBudgetNamesTheFlag() {
        assertThatThrownBy(() -> EngineLauncher.start(options(4, -1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--max-num-batched-tokens must be at least 1");
    }

    @Test
    void aStepBudgetBelowMaxNumSeqsNamesBothFlags() {
        assertThatThrownBy(() -> EngineLauncher.start(options(16, 8))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--max-num-batched-tokens 8").hasMessageContaining("--max-num-seqs 16");
    }

    @Test
    void aBadMaxNumSeqsIsStillRefusedFirst() {
        assertThatThrownBy(() -> EngineLauncher.start(options(0, 0))).hasMessageStartingWith("--max-num-seqs");
    }

    @Test
    void parsersThisEngineDoesNotHaveAreRefusedNamingTheFlagAndTheChoices() {
        assertThatThrownBy(() -> EngineLauncher.start(new EngineLauncher.Options(Path.of("no-such-model.gguf"), "127.0.0.1",
                0, "m", 4, 0, 0, true, "pythonic", 16, 1, 0, null)))
                .hasMessage("--tool-call-parser: 'pythonic' is not supported (one of hermes, llama3_json, mistral, qwen3_coder)");
        assertThatThrownBy(() -> EngineLauncher.start(new EngineLauncher.Options(Path.of("no-such-model.gguf"), "127.0.0.1",
                0, "m", 4, 0, 0, true, "hermes", 16, 1, 0, "granite")))
                .hasMessage("--reasoning-parser: 'granite' is not supported (one of qwen3, deepseek_r1)");
    }
}
