package dev.sovereign.router.train;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.classify.SoftmaxTrainer;
import dev.sovereign.router.pii.NameTagger;
import dev.sovereign.router.pii.PiiEntity;
import dev.sovereign.router.pii.PiiType;
import dev.sovereign.router.pii.WordFeatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the PERSON / LOCATION word classifier from the Presidio sentences (train split only):
 * a word is PERSON or LOCATION when it lies in a gold span of that type (LOCATION and GPE).
 */
public final class NameTaggerTraining {

    static final SoftmaxTrainer.Settings SETTINGS = new SoftmaxTrainer.Settings(20, 64, 0.003, 1e-3, 42L);

    private NameTaggerTraining() {
    }

    public static LinearHead train(Datasets datasets, WordFeatures features) {
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        int sentences = 0;
        for (PiiEvaluation.Labeled row : PiiEvaluation.load(datasets, false)) {
            if (Split.heldOut("pii:" + row.text())) {
                continue;
            }
            sentences++;
            List<WordFeatures.Word> words = WordFeatures.words(row.text());
            List<float[]> x = features.features(row.text(), words);
            for (int i = 0; i < words.size(); i++) {
                xs.add(x.get(i));
                ys.add(label(words.get(i), row.gold()));
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("task", "names");
        provenance.put("sources", List.of("pii/presidio_synth_dataset_v2.jsonl and pii/presidio_generated_large.jsonl: "
                + "microsoft/presidio-research@7622dec1 (MIT); PERSON, LOCATION+GPE spans"));
        provenance.put("split", "held out when SHA-256(\"pii:\" + text)[0] < 52 (about 20%)");
        provenance.put("trainSentences", sentences);
        provenance.put("trainRows", xs.size());
        provenance.put("settings", Map.of("epochs", SETTINGS.epochs(), "batch", SETTINGS.batch(),
                "learningRate", SETTINGS.learningRate(), "l2", SETTINGS.l2(), "seed", SETTINGS.seed()));
        provenance.put("command", "sov route train");
        return new SoftmaxTrainer(SETTINGS).train("names", "static-minilm-l6-q-words", NameTagger.LABELS, xs,
                ys.stream().mapToInt(Integer::intValue).toArray(), provenance);
    }

    private static int label(WordFeatures.Word w, List<PiiEntity> gold) {
        for (PiiEntity g : gold) {
            if (g.start() < w.end() && w.start() < g.end()) {
                if (g.type() == PiiType.PERSON) {
                    return 1;
                }
                if (g.type() == PiiType.LOCATION) {
                    return 2;
                }
            }
        }
        return 0;
    }
}
