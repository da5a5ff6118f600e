package dev.sovereign.router.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.guard.JailbreakGuard;
import dev.sovereign.router.guard.ShortMessageHead;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The choice of docs/decisions/0153, made again: on five validation carvings of the training groups
 * (never the held-out groups), both heads trained on each carving's remaining groups, the guard with
 * the short-message head against the static head alone, in the short band at threshold 0.7.
 */
@NeedsSharedData({"datasets/mmlu_pro/mmlu_pro_test.csv", "datasets/clinc150/clinc150_full.csv",
        "datasets/jailbreak/jailbreak_benign.csv"})
class ShortMessageHeadValidationTest {

    static final List<String> SALTS = List.of("jb-validation:", "jb-validation-1:", "jb-validation-2:",
            "jb-validation-3:", "jb-validation-4:");

    /** True positives, false positives and false negatives of the short band, summed over carvings. */
    private static final class Counts {
        int tp;
        int fp;
        int fn;

        void add(Example e, double score) {
            boolean actual = e.label().equals("jailbreak");
            boolean predicted = score >= 0.7;
            tp += actual && predicted ? 1 : 0;
            fp += !actual && predicted ? 1 : 0;
            fn += actual && !predicted ? 1 : 0;
        }

        double f1() {
            return 2.0 * tp / (2.0 * tp + fp + fn);
        }
    }

    @Test
    void theShortMessageHeadBeatsTheStaticHeadOnValidationCarvings() {
        EncoderModels models = EncoderModels.shared();
        Datasets datasets = new Datasets(SharedData.file("datasets"));
        Counts alone = new Counts();
        Counts withShortHead = new Counts();
        for (String salt : SALTS) {
            List<Example> carving = JailbreakCorpus.validationSplit(datasets, salt);
            LinearHead staticHead = JailbreakTraining.train(carving, models.tokenizer(), models.staticEmbeddings());
            LinearHead shortHead = ShortMessageTraining.train(carving, models.tokenizer(), models.transformer());
            JailbreakGuard staticOnly = new JailbreakGuard(models.staticEmbeddings(), staticHead);
            JailbreakGuard guard = new JailbreakGuard(models.staticEmbeddings(), staticHead,
                    new ShortMessageHead(models.transformer(), shortHead));
            for (Example e : carving) {
                if (e.heldOut() && LengthBand.of(e.text()) == LengthBand.SHORT) {
                    var tokens = models.tokenizer().encode(e.text(), JailbreakTraining.MAX_TOKENS);
                    alone.add(e, staticOnly.scoreText(e.text(), tokens));
                    withShortHead.add(e, guard.scoreText(e.text(), tokens));
                }
            }
        }
        // ADR 0153: 0.845 (98 found, 22 flagged, 14 missed) -> 0.912 (99, 6, 13)
        assertThat(alone.f1()).as("static head alone").isCloseTo(0.845, within(0.01));
        assertThat(withShortHead.f1()).as("with the short-message head").isCloseTo(0.912, within(0.01));
        assertThat(withShortHead.fp).isLessThan(alone.fp);
    }
}
