package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.testmodel.QuantMix;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On models in llama-quantize's mixes, greedy output of twelve requests run together (prefill chunks beside decode
 * steps; the mixes' Q8_0 matrices take the tiles below 32 tokens and the panels above) equals each request run alone,
 * token for token: the K-quant and 32-weight decoders keep the kernels' promise that a token's result does not
 * depend on its batch.
 */
class KQuantBatchingTest {

    private static final int MAX_TOKENS = 10;
    private static final TestModelSpec SPEC = new TestModelSpec("llama-256-batching", "llama", 256, 2, 4, 2, 64, 320,
            10000f, false, false, false, DType.Q8_0, 41);

    @TempDir
    static Path dir;

    enum Mix {
        Q4_K_M(QuantMix.Q4_K_M), Q5_K_M(QuantMix.Q5_K_M), Q6_K(QuantMix.Q6_K), Q4_1(QuantMix.Q4_1);

        final QuantMix mix;

        Mix(QuantMix mix) {
            this.mix = mix;
        }
    }

    @ParameterizedTest
    @EnumSource(Mix.class)
    void requestsTogetherMatchEachRunAlone(Mix mix) throws Exception {
        LoadedModel model = ModelLoader.load(TestModels.writeGguf(SPEC, mix.mix, dir));
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            prompts.add(random.ints(8 + 7 * i, 3, 250).toArray());
        }
        // no prefix caching: the requests run together must compute their prompts, not reuse the solo runs' blocks
        EngineSettings settings = EngineSettings.defaults("mix").withMaxModelLen(256).withMaxBatchedTokens(96)
                .withPrefixCaching(false).withThreads(2);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            List<int[]> alone = new ArrayList<>();
            for (int[] prompt : prompts) {
                alone.add(engine.generate(prompt, SamplingOptions.greedy(MAX_TOKENS)).get(120, TimeUnit.SECONDS)
                        .tokens());
            }
            List<CompletableFuture<ServingEngine.Result>> together = new ArrayList<>();
            for (int[] prompt : prompts) {
                together.add(engine.generate(prompt, SamplingOptions.greedy(MAX_TOKENS)));
            }
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(together.get(i).get(120, TimeUnit.SECONDS).tokens()).as("request %d", i)
                        .containsExactly(alone.get(i));
            }
        }
    }
}
