package dev.sovereign.router.train;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.classify.SoftmaxTrainer;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.PromptEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sov route train}: trains the domain head for one prompt encoder (and, for the static
 * encoder, the jailbreak head of the guard and the name tagger) from the shared datasets, with
 * fixed seeds and a fixed split, and writes them as JSON. Running it twice on the same data gives
 * the same files.
 */
public final class HeadTraining {

    private static final Logger LOG = LoggerFactory.getLogger(HeadTraining.class);

    public static final List<String> DOMAINS = List.of("biology", "business", "chemistry", "computer science",
            "economics", "engineering", "health", "history", "law", "math", "other", "philosophy", "physics", "psychology");
    public static final List<String> JAILBREAK_LABELS = List.of("safe", "jailbreak");

    /**
     * Domain: the static features and the prompt's token bag (14 classes, 11k rows), settings chosen
     * on a validation split of the training rows (docs/decisions/0033).
     */
    static final SoftmaxTrainer.Settings DOMAIN_SETTINGS = new SoftmaxTrainer.Settings(40, 64, 0.01, 1e-2, 1e-5, true, 42L);

    private final Datasets datasets;
    private final EncoderModels models;

    public HeadTraining(Datasets datasets, EncoderModels models) {
        this.datasets = datasets;
        this.models = models;
    }

    public List<Example> domainExamples() {
        List<Example> all = new java.util.ArrayList<>(datasets.mmluPro());
        all.addAll(datasets.clincAsOther());
        return all;
    }

    public LabeledFeatures domainFeatures(PromptEncoder encoder) {
        return LabeledFeatures.encode(domainExamples(), DOMAINS, models.tokenizer(), encoder);
    }

    public List<Example> jailbreakExamples() {
        return JailbreakCorpus.examples(datasets);
    }

    public static LinearHead trainDomain(LabeledFeatures f, String encoder) {
        return trainDomain(f, encoder, DOMAIN_SETTINGS);
    }

    static LinearHead trainDomain(LabeledFeatures f, String encoder, SoftmaxTrainer.Settings settings) {
        return new SoftmaxTrainer(settings).train("domain", encoder, f.labels(), f.trainX(), f.trainTokens(), f.trainY(),
                provenance("domain", f, settings, List.of(
                        "mmlu_pro/mmlu_pro_test.csv: TIGER-AI-Lab/MMLU-Pro@4885ba7d (MIT / Apache-2.0), label = category, text = question",
                        "clinc150/clinc150_full.csv: clinc/oos-eval@828f8093 (CC-BY-3.0), " + Datasets.CLINC_OTHER_SAMPLES
                                + " train-split queries as 'other'")));
    }

    /** Trains the heads of {@code encoder} and writes them into {@code outDir}. */
    public void trainAndWrite(PromptEncoder encoder, Path outDir) {
        long t0 = System.nanoTime();
        LinearHead domain = trainDomain(domainFeatures(encoder), encoder.name());
        HeadStore.write(domain, outDir.resolve(HeadStore.fileName("domain", encoder.name())));
        if (encoder.name().equals(dev.sovereign.router.encoder.StaticPromptEncoder.NAME)) {
            LinearHead jailbreak = JailbreakTraining.train(jailbreakExamples(), models.tokenizer(), models.staticEmbeddings());
            HeadStore.write(jailbreak, outDir.resolve(HeadStore.fileName("jailbreak", encoder.name())));
            LinearHead shortMessages = ShortMessageTraining.train(jailbreakExamples(), models.tokenizer(), models.transformer());
            HeadStore.write(shortMessages, outDir.resolve(HeadStore.fileName("jailbreak-short",
                    dev.sovereign.router.encoder.TransformerPromptEncoder.NAME)));
            LinearHead names = NameTaggerTraining.train(datasets,
                    new dev.sovereign.router.pii.WordFeatures(models.tokenizer(), models.staticEmbeddings()));
            HeadStore.write(names, outDir.resolve(HeadStore.fileName("names", encoder.name())));
        }
        LOG.info("trained heads for {} in {} s", encoder.name(), (System.nanoTime() - t0) / 1_000_000_000);
    }

    private static Map<String, Object> provenance(String task, LabeledFeatures f, SoftmaxTrainer.Settings s,
                                                  List<String> sources) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("task", task);
        p.put("sources", sources);
        p.put("split", "held out when SHA-256(key)[0] < 52 (about 20%); key = question_id for MMLU-Pro, text for jailbreak; "
                + "CLINC150 uses its own train/test split");
        p.put("trainRows", f.trainX().size());
        p.put("heldOutRows", f.testX().size());
        boolean bag = task.equals("domain");
        p.put("trainer", "softmax regression, Adam, class-balanced, standardised features"
                + (bag ? " plus an L2-normalised TF-IDF bag of WordPiece tokens (vocabulary and IDF of the training rows)" : ""));
        p.put("settings", bag
                ? Map.of("epochs", s.epochs(), "batch", s.batch(), "learningRate", s.learningRate(), "l2", s.l2(),
                        "bagL2", s.bagL2(), "decay", s.decay(), "seed", s.seed())
                : Map.of("epochs", s.epochs(), "batch", s.batch(), "learningRate", s.learningRate(), "l2", s.l2(),
                        "seed", s.seed()));
        p.put("command", "sov route train");
        return p;
    }
}
