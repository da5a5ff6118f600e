package dev.sovereign.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.PromptEncoder;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.encoder.TransformerPromptEncoder;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import dev.sovereign.router.guard.JailbreakGuard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed static heads: their scores on the held-out rows (the jailbreak guard's per length
 * band, on near-duplicate-free groups), and that training again from the datasets gives the same
 * heads (the reproducibility acceptance item).
 */
@NeedsSharedData({"datasets/mmlu_pro/mmlu_pro_test.csv", "datasets/clinc150/clinc150_full.csv",
        "datasets/jailbreak/jailbreak_benign.csv"})
class CommittedHeadsTest {

    private static HeadTraining training;
    private static PromptEncoder encoder;
    private static LabeledFeatures domain;
    private static List<Example> jailbreak;

    @BeforeAll
    static void encode() {
        EncoderModels models = EncoderModels.shared();
        training = new HeadTraining(new Datasets(SharedData.file("datasets")), models);
        encoder = models.promptEncoder(StaticPromptEncoder.NAME);
        domain = training.domainFeatures(encoder);
        jailbreak = training.jailbreakExamples();
    }

    @Test
    void domainHeadScoresOnHeldOutQuestions() {
        LinearHead head = HeadStore.bundled("domain", StaticPromptEncoder.NAME);
        int mmlu = 0;
        int exact = 0;
        int groups = 0;
        for (int i = 0; i < domain.testX().size(); i++) {
            if (!domain.testExamples().get(i).source().equals(Datasets.MMLU_PRO)) {
                continue;
            }
            String predicted = head.labels().get(LinearHead.argmax(head.probabilities(domain.testX().get(i),
                    domain.testTokens().get(i))));
            String truth = domain.labels().get(domain.testY()[i]);
            mmlu++;
            exact += predicted.equals(truth) ? 1 : 0;
            groups += RouterEvaluation.group(predicted).equals(RouterEvaluation.group(truth)) ? 1 : 0;
        }
        assertThat(mmlu).isGreaterThan(2000);
        // docs/router.md reports 80.0% and 91.3%; the target is 90% on the groups.
        assertThat((double) exact / mmlu).isGreaterThan(0.78);
        assertThat((double) groups / mmlu).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void jailbreakGuardScoresInEveryLengthBandOnHeldOutGroups() {
        EncoderModels models = EncoderModels.shared();
        JailbreakEvaluation eval = new JailbreakEvaluation(jailbreak, models.tokenizer(), JailbreakGuard.bundled(models));
        // docs/router.md reports 0.899, 0.935 and 1.000 (the short band with the transformer's second
        // opinion, ADR 0153); the target is 0.90 in every band, which the short band misses by
        // a row (docs/router.md says why).
        Map<LengthBand, Double> floor = Map.of(LengthBand.SHORT, 0.895, LengthBand.MEDIUM, 0.93, LengthBand.LONG, 0.99);
        for (LengthBand band : LengthBand.ALL) {
            JailbreakEvaluation.Scores s = eval.scores(e -> LengthBand.of(e.text()) == band, 0.7);
            assertThat(s.jailbreaks()).as("held-out jailbreaks in band %s", band.label()).isGreaterThan(10);
            assertThat(s.f1()).as("F1 in band %s", band.label()).isGreaterThanOrEqualTo(floor.get(band));
        }
        assertThat(eval.scores(e -> true, 0.7).f1()).isGreaterThanOrEqualTo(0.955);
    }

    @Test
    void noHeldOutJailbreakRowSharesARunWithATrainingRow() {
        assertThat(jailbreak.stream().filter(Example::heldOut).count()).isGreaterThan(500);
        assertThat(JailbreakEvaluation.heldOutSharingARun(jailbreak)).isZero();
    }

    @Test
    void trainingAgainGivesTheCommittedHeads() {
        EncoderModels models = EncoderModels.shared();
        assertSame(JailbreakTraining.train(jailbreak, models.tokenizer(), models.staticEmbeddings()),
                HeadStore.bundled("jailbreak", encoder.name()));
        assertSame(HeadTraining.trainDomain(domain, encoder.name()), HeadStore.bundled("domain", encoder.name()));
        assertSame(ShortMessageTraining.train(jailbreak, models.tokenizer(), models.transformer()),
                HeadStore.bundled("jailbreak-short", TransformerPromptEncoder.NAME));
    }

    private static void assertSame(LinearHead retrained, LinearHead committed) {
        assertThat(retrained.labels()).isEqualTo(committed.labels());
        assertThat(retrained.provenance().get("trainRows").toString()).isEqualTo(committed.provenance().get("trainRows").toString());
        for (int c = 0; c < committed.weights().length; c++) {
            assertThat(retrained.weights()[c]).containsExactly(committed.weights()[c],
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(retrained.bias()).containsExactly(committed.bias(), org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(retrained.tokenBag() == null).isEqualTo(committed.tokenBag() == null);
        if (committed.tokenBag() != null) {
            assertThat(retrained.tokenBag().tokens()).isEqualTo(committed.tokenBag().tokens());
            assertThat(retrained.tokenBag().idf()).containsExactly(committed.tokenBag().idf(),
                    org.assertj.core.data.Offset.offset(1e-5f));
            for (int c = 0; c < committed.tokenBag().weights().length; c++) {
                assertThat(retrained.tokenBag().weights()[c]).containsExactly(committed.tokenBag().weights()[c],
                        org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }
}
