package dev.sovereign.engine.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The O(vocabulary) draw against the full-sort draw it replaced: the same token for the same seed, every time. */
class NucleusSamplingTest {

    private static final int VOCAB = 20_000;

    private static SamplingOptions options(double temperature, double topP, int topK, double minP, long seed) {
        return new SamplingOptions(temperature, topP, topK, minP, seed, 0, 0, 1, 10, List.of(), Set.of(), false, false, 0);
    }

    /** Gaussian logits of the given spread; {@code step} > 0 rounds them to a grid, so many tokens tie. */
    private static float[] logits(long seed, double spread, double step) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] logits = new float[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            double g = spread * gaussian(r);
            logits[i] = (float) (step > 0 ? Math.round(g / step) * step : g);
        }
        return logits;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @ParameterizedTest(name = "T={0} top_p={1} top_k={2} min_p={3} spread={4} grid={5}")
    @CsvSource({
            "0.8, 0.95, -1, 0, 1, 0",     // flat: the nucleus is most of the vocabulary
            "0.8, 0.95, -1, 0, 6, 0",     // peaked, as trained models mostly are
            "1.0, 0.5, -1, 0, 3, 0",
            "1.0, 0.9, 50, 0, 3, 0",
            "0.7, 0.95, -1, 0.05, 4, 0",
            "1.3, 0.99, -1, 0, 2, 0",
            "1.0, 0.9, -1, 0, 3, 0.5",    // ties at the cut: the lower ids are kept first
            "1.0, 0.3, 200, 0, 2, 1.0",
            "0.01, 0.9, -1, 0, 3, 0",     // nearly greedy: weights underflow to zero
    })
    void drawsTheSameTokensAsTheFullSortForTheSameSeed(double temperature, double topP, int topK, double minP,
                                                       double spread, double grid) {
        for (long seed = 1; seed <= 3; seed++) {
            SamplingOptions o = options(temperature, topP, topK, minP, seed);
            TokenSampler sampler = new TokenSampler(o, VOCAB, new int[0]);
            SplittableRandom reference = new SplittableRandom(seed);
            for (int draw = 0; draw < 15; draw++) {
                float[] l = logits(seed * 100 + draw, spread, grid);
                assertThat(sampler.next(l).token()).as("seed %d draw %d", seed, draw)
                        .isEqualTo(FullSortReference.draw(l, o, reference));
            }
        }
    }

    @Test
    void theCutKeepsOnlyTheMostLikelyTokensUpToTopP() {
        // weights 1, 1/2, 1/4, 1/8 and 1/8 at temperature 1: shares 0.5, 0.25, 0.125, 0.0625, 0.0625
        float[] l = {0, (float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.125), (float) Math.log(0.125)};
        int[] ids = {0, 1, 2, 3, 4};
        double[] weights = new double[5];
        for (int i = 0; i < 5; i++) {
            weights[i] = Math.exp(l[i]);
        }
        DrawBuffers buffers = DrawBuffers.of(5);
        assertThat(Nucleus.keep(ids.clone(), weights.clone(), 5, 0.5, buffers)).isEqualTo(1);
        assertThat(Nucleus.keep(ids.clone(), weights.clone(), 5, 0.7, buffers)).isEqualTo(2);
        assertThat(Nucleus.keep(ids.clone(), weights.clone(), 5, 0.85, buffers)).isEqualTo(3);
        assertThat(Nucleus.keep(ids.clone(), weights.clone(), 5, 0.95, buffers)).isEqualTo(5);
        // 0.875 and one of the two tied 1/8 tokens reach 0.9: the lower id (3) is kept, not 4
        int[] kept = ids.clone();
        assertThat(Nucleus.keep(kept, weights.clone(), 5, 0.9, buffers)).isEqualTo(4);
        assertThat(kept).startsWith(0, 1, 2, 3);
    }
}
