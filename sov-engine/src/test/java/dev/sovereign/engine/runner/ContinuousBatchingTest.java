package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Greedy output of 16 different requests run together (continuous batching, chunked prefill, a small block pool
 * that forces preemption) equals each request run alone, in an engine that holds one sequence at a time.
 */
class ContinuousBatchingTest {

    // Past the end of sov-tiny's short answers (EOS ignored), so every sequence grows by two or three blocks: the
    // pool fills whatever the arrival timing, and the scheduler must preempt. With 12 tokens the answers mostly
    // stayed inside their prompts' last block, and whether a preemption happened depended on timing.
    private static final int MAX_TOKENS = 40;

    @Test
    void sixteenConcurrentRequestsMatchEachRunAlone() throws Exception {
        LoadedModel model = SovTiny.model();
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String question = "What is " + (i * 7 + 3) + " + " + (i * 11 + 5) + "?";
            String text = model.chatTemplate().render(List.of(Map.of("role", "user", "content", question)), List.of(), true, Map.of());
            prompts.add(model.tokenizer().encode(text, false, true));
        }
        List<int[]> alone = new ArrayList<>();
        try (ServingEngine solo = new ServingEngine(model, EngineSettings.oneSequence(model.config(), 256, 2))) {
            for (int[] prompt : prompts) {
                alone.add(solo.generate(prompt, SamplingOptions.greedy(MAX_TOKENS).ignoringEos()).get(120, TimeUnit.SECONDS).tokens());
            }
        }
        // 24 blocks of 16 tokens cannot hold 16 sequences of ~40 tokens at once: the scheduler must preempt
        long bytes = 24L * 16 * KvBlockPool.bytesPerToken(model.config());
        EngineSettings settings = EngineSettings.defaults("sov-tiny").withKvCacheBytes(bytes).withMaxModelLen(256)
                .withMaxBatchedTokens(256).withThreads(2);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            List<CompletableFuture<ServingEngine.Result>> results = new ArrayList<>();
            for (int[] prompt : prompts) {
                results.add(engine.generate(prompt, SamplingOptions.greedy(MAX_TOKENS).ignoringEos()));
            }
            for (int i = 0; i < prompts.size(); i++) {
                ServingEngine.Result result = results.get(i).get(120, TimeUnit.SECONDS);
                assertThat(result.tokens()).as("request %d", i).containsExactly(alone.get(i));
                assertThat(result.completion().reason()).isEqualTo("length");
            }
            assertThat(engine.scheduler().preemptions()).as("preemptions").isPositive();
            assertThat(engine.scheduler().blocks().usage()).isZero();
        }
    }
}
