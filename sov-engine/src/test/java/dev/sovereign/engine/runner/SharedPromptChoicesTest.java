package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The choices of one request ({@code n}) are prefilled once and share the prompt's KV blocks, copying only the
 * partial last block when they write into it; each choice still generates exactly what the same request alone
 * generates (greedy: the n = 1 answer; seeded: the answer of its derived seed). Prefix caching is off, so nothing is
 * shared through the cache: only the fork can explain the sharing.
 */
class SharedPromptChoicesTest {

    private static final int CHOICES = 4;
    static LoadedModel model;
    static ServingEngine engine;
    static int[] prompt;

    @BeforeAll
    static void start() {
        model = SovTiny.model();
        prompt = promptWithAPartialLastBlock();
        engine = new ServingEngine(model, EngineSettings.defaults("sov-tiny").withMaxNumSeqs(8).withMaxModelLen(256)
                .withKvCacheBytes(64L * BlockManager.BLOCK_SIZE * KvBlockPool.bytesPerToken(model.config()))
                .withPrefixCaching(false).withThreads(2));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A chat prompt whose last block is partly filled with room for a few more tokens, so a fork must copy it. */
    private static int[] promptWithAPartialLastBlock() {
        for (int a = 10; ; a++) {
            String text = model.chatTemplate().render(List.of(Map.of("role", "user", "content", "What is " + a + " + 17?")),
                    List.of(), true, Map.of());
            int[] tokens = model.tokenizer().encode(text, false, true);
            int inLastBlock = tokens.length % BlockManager.BLOCK_SIZE;
            if (inLastBlock >= 1 && inLastBlock <= 8) {
                return tokens;
            }
        }
    }

    @Test
    void greedyChoicesArePrefilledOnceAndEachEqualsTheRequestAlone() throws Exception {
        SamplingOptions greedy = SamplingOptions.greedy(24).ignoringEos();
        int[] alone = engine.generate(prompt, greedy).get(60, TimeUnit.SECONDS).tokens();
        long before = engine.scheduler().promptTokensComputed();
        List<ServingEngine.Result> choices = engine.generateChoices(prompt, greedy, CHOICES).get(60, TimeUnit.SECONDS);
        assertThat(engine.scheduler().promptTokensComputed() - before).as("prompt tokens run through the model")
                .isEqualTo(prompt.length);
        assertThat(choices).hasSize(CHOICES).allSatisfy(c -> {
            assertThat(c.tokens()).containsExactly(alone);
            assertThat(c.completion().reason()).isEqualTo("length");
            assertThat(c.completion().promptTokens()).isEqualTo(prompt.length);
        });
        assertThat(engine.scheduler().blocks().usedBlocks()).as("every block returned").isZero();
    }

    @Test
    void seededChoicesDifferAndEachEqualsTheRequestAloneWithItsDerivedSeed() throws Exception {
        SamplingOptions sampled = SamplingOptions.plain(1.0, 42, 16).ignoringEos();
        List<ServingEngine.Result> choices = engine.generateChoices(prompt, sampled, CHOICES).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < CHOICES; i++) {
            int[] alone = engine.generate(prompt, SamplingOptions.plain(1.0, 42 + i, 16).ignoringEos())
                    .get(60, TimeUnit.SECONDS).tokens();
            assertThat(choices.get(i).tokens()).as("choice %d against seed %d alone", i, 42 + i).containsExactly(alone);
        }
        assertThat(choices.stream().map(c -> Arrays.toString(c.tokens())).distinct().count()).as("distinct choices")
                .isGreaterThan(1);
        List<ServingEngine.Result> again = engine.generateChoices(prompt, sampled, CHOICES).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < CHOICES; i++) {
            assertThat(again.get(i).tokens()).containsExactly(choices.get(i).tokens());
        }
    }

    @Test
    void theChoicesHoldThePromptBlocksOnceAndOneCopyOfThePartialBlockEach() throws Exception {
        BlockManager blocks = engine.scheduler().blocks();
        int fullBlocks = prompt.length / BlockManager.BLOCK_SIZE;
        // every token generated stays inside the prompt's last block
        int maxTokens = BlockManager.BLOCK_SIZE - prompt.length % BlockManager.BLOCK_SIZE;
        AtomicReference<List<Sequence>> sequences = new AtomicReference<>();
        AtomicInteger firstBlockReferences = new AtomicInteger();
        AtomicInteger peakBlocks = new AtomicInteger();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        List<SequenceListener> listeners = new ArrayList<>();
        for (int i = 0; i < CHOICES; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            listeners.add(new SequenceListener() {
                @Override
                public void onToken(SampledToken token, String text) {
                    List<Sequence> all = sequences.get();
                    if (all != null && !all.getFirst().blockTable().isEmpty()) {
                        firstBlockReferences.accumulateAndGet(blocks.references(all.getFirst().blockTable().getFirst()), Math::max);
                    }
                    peakBlocks.accumulateAndGet(blocks.usedBlocks(), Math::max);
                }

                @Override
                public void onFinish(Completion completion) {
                    finished.complete(null);
                }
            });
        }
        sequences.set(engine.submitChoices(prompt, SamplingOptions.plain(1.0, 7, maxTokens).ignoringEos(), listeners, false));
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(firstBlockReferences.get()).as("references to the prompt's first block").isEqualTo(CHOICES);
        assertThat(peakBlocks.get()).as("blocks in use: the full prompt blocks once, a partial block per choice")
                .isEqualTo(fullBlocks + CHOICES);
        assertThat(blocks.usedBlocks()).isZero();
    }

    @Test
    void choicesPreemptedForWantOfBlocksAreRecomputedToTheSameTokens() throws Exception {
        int maxTokens = 40;
        List<int[]> alone = new ArrayList<>();
        for (int i = 0; i < CHOICES; i++) {
            alone.add(engine.generate(prompt, SamplingOptions.plain(1.0, 42 + i, maxTokens).ignoringEos())
                    .get(60, TimeUnit.SECONDS).tokens());
        }
        // room for one choice at full length and a little more: the four cannot all grow at once
        int blocks = BlockManager.blocksFor(prompt.length + maxTokens) + 3;
        EngineSettings small = EngineSettings.defaults("sov-tiny").withMaxNumSeqs(8).withMaxModelLen(prompt.length + maxTokens)
                .withKvCacheBytes((long) blocks * BlockManager.BLOCK_SIZE * KvBlockPool.bytesPerToken(model.config()))
                .withPrefixCaching(false).withThreads(2);
        try (ServingEngine tight = new ServingEngine(model, small)) {
            List<ServingEngine.Result> choices = tight.generateChoices(prompt,
                    SamplingOptions.plain(1.0, 42, maxTokens).ignoringEos(), CHOICES).get(120, TimeUnit.SECONDS);
            assertThat(tight.scheduler().preemptions()).as("preemptions").isPositive();
            for (int i = 0; i < CHOICES; i++) {
                assertThat(choices.get(i).tokens()).as("choice %d", i).containsExactly(alone.get(i));
            }
            assertThat(tight.scheduler().blocks().usedBlocks()).isZero();
        }
    }
}
