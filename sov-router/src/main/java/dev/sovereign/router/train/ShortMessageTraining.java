package dev.sovereign.router.train;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.classify.SoftmaxTrainer;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.OnnxEncoder;
import dev.sovereign.router.encoder.TransformerPromptEncoder;
import dev.sovereign.router.encoder.WordPieceTokenizer;
import dev.sovereign.router.guard.ShortMessageHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the guard's {@link ShortMessageHead} on the training rows of {@link JailbreakCorpus} of at
 * most {@value #TRAIN_CHARS} characters: a full MiniLM pass (mean-pooled) and the token bag, the
 * labels balanced. Rows a little longer than the band it scores give it more jailbreaks to learn
 * from (docs/decisions/0153).
 */
public final class ShortMessageTraining {

    /** Training rows up to here; chosen on validation groups among 200, 300 and 600. */
    static final int TRAIN_CHARS = 300;
    /**
     * Chosen on five validation carvings of the training groups (SHA-256(salt + group key)[0] < 52,
     * salts "jb-validation:" and "jb-validation-1:" to "-4:"), never on the held-out groups: the best
     * short-band F1 of the guard at threshold 0.7 (docs/decisions/0153).
     */
    static final SoftmaxTrainer.Settings SETTINGS = new SoftmaxTrainer.Settings(40, 64, 0.003, 3.0, 1e-4, true, 42L);

    private ShortMessageTraining() {
    }

    public static LinearHead train(List<Example> examples, WordPieceTokenizer tokenizer, OnnxEncoder encoder) {
        List<float[]> xs = new ArrayList<>();
        List<IntList> bags = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (Example e : examples) {
            if (e.heldOut() || e.text().length() > TRAIN_CHARS) {
                continue;
            }
            IntList tokens = tokenizer.encode(e.text(), JailbreakTraining.MAX_TOKENS);
            xs.add(encoder.embed(tokens));
            bags.add(tokens);
            ys.add(HeadTraining.JAILBREAK_LABELS.indexOf(e.label()));
        }
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        return new SoftmaxTrainer(SETTINGS).train("jailbreak-short", TransformerPromptEncoder.NAME + " mean-pooled",
                HeadTraining.JAILBREAK_LABELS, xs, bags, y, provenance(xs.size(), java.util.Arrays.stream(y).sum()));
    }

    private static Map<String, Object> provenance(int rows, int jailbreaks) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("task", "jailbreak, messages of at most " + ShortMessageHead.MAX_CHARS + " characters");
        p.put("sources", "the jailbreak head's rows (see jailbreak-static-minilm-l6-q.json), its training groups only, "
                + "rows of at most " + TRAIN_CHARS + " characters");
        p.put("split", "the jailbreak head's near-duplicate groups; held-out groups never read");
        p.put("trainRows", rows);
        p.put("trainJailbreaks", jailbreaks);
        p.put("trainer", "logistic regression (2-class softmax), Adam, class-balanced, standardised all-MiniLM-L6-v2 "
                + "(int8) mean-pooled embedding of the first " + (OnnxEncoder.WINDOW - 2)
                + " tokens plus an L2-normalised TF-IDF bag of its WordPiece tokens");
        p.put("settings", JailbreakTraining.settings(SETTINGS,
                "five validation carvings of the training groups (salts jb-validation:, jb-validation-1: to -4:)"));
        p.put("command", "sov route train");
        return p;
    }
}
