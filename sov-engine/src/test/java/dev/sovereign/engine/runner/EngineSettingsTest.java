package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The step token budget: what is set, else a default sized to the threads and never below one token a sequence. */
class EngineSettingsTest {

    @Test
    void theDefaultBudgetGrowsWithTheThreadsAndCoversEverySequence() {
        EngineSettings two = EngineSettings.defaults("m").withThreads(2).withMaxNumSeqs(16);
        assertThat(two.stepTokenBudget()).isEqualTo(2 * EngineSettings.DEFAULT_BATCHED_TOKENS_PER_THREAD);
        assertThat(two.withThreads(16).stepTokenBudget()).isEqualTo(16 * EngineSettings.DEFAULT_BATCHED_TOKENS_PER_THREAD);
        assertThat(two.withMaxNumSeqs(1000).stepTokenBudget()).isEqualTo(1000);
    }

    @Test
    void aBudgetThatIsSetIsKept() {
        assertThat(EngineSettings.defaults("m").withMaxBatchedTokens(48).stepTokenBudget()).isEqualTo(48);
    }
}
