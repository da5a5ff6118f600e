package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.sampling.SampledToken;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A prompt longer than the step token budget ({@code --max-num-batched-tokens}) is prefilled in chunks, and a
 * sequence that is decoding meanwhile gets a token in every one of those steps; the chunked prompt's output is the
 * one it has prefilled whole.
 */
class ChunkedPrefillTest {

    private static final int BUDGET = 32;

    @Test
    void aPromptLongerThanTheBudgetIsChunkedWhileAnotherSequenceKeepsDecoding() throws Exception {
        LoadedModel model = SovTiny.model();
        StringBuilder story = new StringBuilder("Repeat these numbers back to me:");
        for (int i = 0; i < 60; i++) {
            story.append(' ').append(i * 37 % 101);
        }
        int[] longPrompt = prompt(model, story.toString());
        int[] shortPrompt = prompt(model, "Count upwards from one.");
        assertThat(longPrompt.length).as("long prompt tokens").isGreaterThan(4 * BUDGET);
        int[] whole;
        try (ServingEngine solo = new ServingEngine(model, EngineSettings.oneSequence(model.config(), 512, 2))) {
            whole = solo.generate(longPrompt, SamplingOptions.greedy(8).ignoringEos()).get(120, TimeUnit.SECONDS).tokens();
        }

        EngineSettings settings = EngineSettings.defaults("sov-tiny").withMaxNumSeqs(4).withMaxModelLen(512)
                .withMaxBatchedTokens(BUDGET).withThreads(2);
        try (ServingEngine engine = new ServingEngine(model, settings)) {
            List<String> events = new ArrayList<>();
            CountDownLatch decoding = new CountDownLatch(3);
            engine.submit(shortPrompt, SamplingOptions.greedy(400).ignoringEos(), new SequenceListener() {
                @Override
                public void onToken(SampledToken token, String text) {
                    synchronized (events) {
                        events.add("decode");
                    }
                    decoding.countDown();
                }

                @Override
                public void onFinish(Completion completion) {
                }
            });
            decoding.await(120, TimeUnit.SECONDS);
            synchronized (events) {
                events.add("long prompt submitted");
            }
            StepClock.Totals before = engine.stepTimes();
            CompletableFuture<ServingEngine.Result> chunked = engine.generate(longPrompt,
                    SamplingOptions.greedy(8).ignoringEos(), logits -> {
                        synchronized (events) {
                            events.add("long prompt sampled");
                        }
                    });
            ServingEngine.Result result = chunked.get(120, TimeUnit.SECONDS);
            StepClock.Totals during = engine.stepTimes().minus(before);

            assertThat(result.tokens()).as("chunked output equals the whole prefill's").containsExactly(whole);
            // the decoding sequence takes one token of each step's budget, the prompt the other 31
            int prefillSteps = (longPrompt.length + BUDGET - 2) / (BUDGET - 1);
            List<String> between;
            synchronized (events) {
                // a copy: the decoding sequence goes on appending while this reads
                between = new ArrayList<>(events.subList(events.indexOf("long prompt submitted"),
                        events.indexOf("long prompt sampled")));
            }
            assertThat(between.stream().filter("decode"::equals).count()).as("decodes while the prompt was prefilled")
                    .isGreaterThanOrEqualTo(prefillSteps - 1);
            assertThat(during.tokens()).as("no step ran more than the budget")
                    .isLessThanOrEqualTo(during.steps() * BUDGET);
            assertThat(during.steps()).isGreaterThanOrEqualTo(prefillSteps);
        }
    }

    private static int[] prompt(LoadedModel model, String question) {
        String text = model.chatTemplate().render(List.of(Map.of("role", "user", "content", question)), List.of(), true, Map.of());
        return model.tokenizer().encode(text, false, true);
    }
}
