package dev.sovereign.engine.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Sizing finds the word count for a token count in a few probes, whatever the tokenizer's words-to-tokens rate. */
class PromptSizerTest {

    @Test
    void hitsTheTargetWhenTheRateIsLinear() {
        // a chat template's 23 tokens plus 1.3 tokens per word, rounded up as BPE merges leave it
        IntUnaryOperator server = w -> 23 + (int) Math.ceil(1.3 * w);
        int words = PromptSizer.wordsFor(512, server);
        assertThat(Math.abs(server.applyAsInt(words) - 512)).isLessThanOrEqualTo(1);
    }

    @Test
    void aTokenizerThatSplitsEveryWordInThreeNeedsAThird() {
        AtomicInteger probes = new AtomicInteger();
        int words = PromptSizer.wordsFor(300, w -> {
            probes.incrementAndGet();
            return 3 * w;
        });
        assertThat(words).isEqualTo(100);
        assertThat(probes.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void aTargetBelowTheTemplatesOwnTokensGivesOneWord() {
        assertThat(PromptSizer.wordsFor(5, w -> 30 + w)).isEqualTo(1);
    }

    @Test
    void theSameIdGivesTheSameTextAndAnotherIdAnotherFromTheFirstWord() {
        assertThat(PromptSynthesizer.text(3, 40)).isEqualTo(PromptSynthesizer.text(3, 40));
        assertThat(PromptSynthesizer.text(3, 40)).startsWith(PromptSynthesizer.text(3, 20));
        assertThat(PromptSynthesizer.text(3, 40).split(" ")).hasSize(40);
        assertThat(PromptSynthesizer.text(4, 8)).isNotEqualTo(PromptSynthesizer.text(3, 8));
    }
}
