package dev.sovereign.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] LOGITS = {2.0f, 1.5f, 1.0f, 0.5f, 0.0f, -1.0f};

    private static SamplingOptions options(double temperature, double topP, int topK, double minP, long seed) {
        return new SamplingOptions(temperature, topP, topK, minP, seed, 0, 0, 1, 10, List.of(), Set.of(), false, false, 0);
    }

    private static Set<Integer> drawn(SamplingOptions o) {
        TokenSampler sampler = new TokenSampler(o, LOGITS.length, new int[0]);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(sampler.next(LOGITS).token());
        }
        return seen;
    }

    @Test
    void aSeedReproducesTheDraws() {
        TokenSampler a = new TokenSampler(options(1, 1, -1, 0, 42), LOGITS.length, new int[0]);
        TokenSampler b = new TokenSampler(options(1, 1, -1, 0, 42), LOGITS.length, new int[0]);
        for (int i = 0; i < 100; i++) {
            assertThat(a.next(LOGITS).token()).isEqualTo(b.next(LOGITS).token());
        }
    }

    @Test
    void truncationsKeepOnlyTheirTokens() {
        assertThat(drawn(options(1, 1, -1, 0, 1))).hasSize(6);
        assertThat(drawn(options(1, 1, 2, 0, 1))).containsExactlyInAnyOrder(0, 1);
        // min_p 0.5: tokens at least half as likely as the best (e^-0.5 = 0.61 yes, e^-1 = 0.37 no)
        assertThat(drawn(options(1, 1, -1, 0.5, 1))).containsExactlyInAnyOrder(0, 1);
        // probabilities 0.39, 0.24, 0.14, ...: top_p 0.6 keeps the first two (0.63 >= 0.6)
        assertThat(drawn(options(1, 0.6, -1, 0, 1))).containsExactlyInAnyOrder(0, 1);
        assertThat(drawn(options(0, 1, -1, 0, 1))).containsExactly(0);
    }

    @Test
    void penaltiesTurnGreedyAwayFromRepeats() {
        SamplingOptions presence = new SamplingOptions(0, 1, -1, 0, 0L, 1.0, 0, 1, 10, List.of(), Set.of(), false, false, 0);
        TokenSampler sampler = new TokenSampler(presence, LOGITS.length, new int[0]);
        assertThat(sampler.next(LOGITS).token()).isZero();
        sampler.accept(0);
        assertThat(sampler.next(LOGITS).token()).isEqualTo(1);
        SamplingOptions repetition = new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 2.0, 10, List.of(), Set.of(), false, false, 0);
        assertThat(new TokenSampler(repetition, LOGITS.length, new int[] {0}).next(LOGITS).token()).isEqualTo(1);
    }

    @Test
    void logprobsAreTheModelsLogSoftmax() {
        SamplingOptions o = new SamplingOptions(0, 1, -1, 0, 0L, 0, 0, 1, 10, List.of(), Set.of(), false, true, 3);
        SampledToken t = new TokenSampler(o, LOGITS.length, new int[0]).next(LOGITS);
        double sum = 0;
        for (float l : LOGITS) {
            sum += Math.exp(l);
        }
        assertThat((double) t.logprob()).isCloseTo(2.0 - Math.log(sum), org.assertj.core.data.Offset.offset(1e-5));
        assertThat(t.top()).extracting(SampledToken.Alternative::token).containsExactly(0, 1, 2);
    }

    @Test
    void outOfRangeValuesNameTheirField() {
        assertThatThrownBy(() -> options(Double.NaN, 1, -1, 0, 1)).hasMessageStartingWith("temperature");
        assertThatThrownBy(() -> options(-1, 1, -1, 0, 1)).hasMessageStartingWith("temperature");
        assertThatThrownBy(() -> options(1, 0, -1, 0, 1)).hasMessageStartingWith("top_p");
        assertThatThrownBy(() -> options(1, 1, -5, 0, 1)).hasMessageStartingWith("top_k");
    }
}
