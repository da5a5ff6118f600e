package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.SharedFixtures;
import dev.sovereign.testing.NeedsSharedData;
import org.junit.jupiter.api.Test;

@NeedsSharedData(SharedFixtures.LLAMA2_TINY_RANDOM)
class SharedFixtureAgreementTest {

    @Test
    void greedyTokensAndLogitGapsMatchLlamaCppOnTheSharedLlama2Fixture() {
        // BOS + "Hello world, this is" in the fixture's SentencePiece vocabulary
        int[] prompt = {1, 15043, 3186, 29892, 445, 338};
        var result = OracleComparison.compare(SharedFixtures.llama2TinyRandom(), prompt, 64, 1e-3f);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).isEqualTo(64);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(48);
        System.out.println("smallest logit gap " + result.smallestGap() + "; llama.cpp " + result.theirs());
    }
}
