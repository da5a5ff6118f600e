package dev.sovereign.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.PromptEncoder;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.testing.NeedsSharedData;
import dev.sovereign.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed static heads: their scores on the held-out rows, and that training again from
 * the datasets gives the same heads (the reproducibility acceptance item).
 */
@NeedsSharedData({"datasets/mmlu_pro/mmlu_pro_test.csv", "datasets/clinc150/clinc150_full.csv",
        "datasets/jailbreak/jailbreak_benign.csv"})
class CommittedHeadsTest {

    private static HeadTraining training;
    private static PromptEncoder encoder;
    private static LabeledFeatures domain;
    private static LabeledFeatures jailbreak;

    @BeforeAll
    static void encode() {
        EncoderModels models = EncoderModels.shared();
        training = new HeadTraining(new Datasets(SharedData.file("datasets")), models);
        encoder = models.promptEncoder(StaticPromptEncoder.NAME);
        domain = training.domainFeatures(encoder);
        jailbreak = training.jailbreakFeatures(encoder);
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
    void jailbreakHeadScoresOnHeldOutPrompts() {
        LinearHead head = HeadStore.bundled("jailbreak", StaticPromptEncoder.NAME);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < jailbreak.testX().size(); i++) {
            boolean predicted = head.probabilities(jailbreak.testX().get(i))[1] >= 0.7;
            boolean actual = jailbreak.testY()[i] == 1;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
        assertThat(f1).isGreaterThan(0.93);
    }

    @Test
    void trainingAgainGivesTheCommittedHeads() {
        assertSame(HeadTraining.trainJailbreak(jailbreak, encoder.name()), HeadStore.bundled("jailbreak", encoder.name()));
        assertSame(HeadTraining.trainDomain(domain, encoder.name()), HeadStore.bundled("domain", encoder.name()));
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
