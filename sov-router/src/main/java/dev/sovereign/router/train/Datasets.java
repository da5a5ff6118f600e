package dev.sovereign.router.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the labeled sets of the shared datasets folder (its README gives sources, commits and
 * licences). Nothing is copied into the repository; training and evaluation read them in place.
 */
public final class Datasets {

    /** How many CLINC150 everyday queries join MMLU-Pro's "other" class for training. */
    static final int CLINC_OTHER_SAMPLES = 1200;

    public static final String MMLU_PRO = "mmlu_pro";
    public static final String CLINC150 = "clinc150";
    public static final String JAILBREAK = "jailbreak";

    private final Path root;

    public Datasets(Path datasetsDir) {
        if (!Files.isDirectory(datasetsDir)) {
            throw new IllegalArgumentException("datasets folder not found: " + datasetsDir);
        }
        this.root = datasetsDir;
    }

    /** MMLU-Pro questions labeled with their category, split by question_id. */
    public List<Example> mmluPro() {
        List<Example> out = new ArrayList<>();
        for (Map<String, String> row : csv("mmlu_pro/mmlu_pro_test.csv")) {
            out.add(new Example(row.get("question"), row.get("category"), Split.heldOut("mmlu:" + row.get("question_id")),
                    MMLU_PRO));
        }
        return out;
    }

    /**
     * Everyday assistant queries from CLINC150 labeled "other" (its own train/test split), so the
     * domain head has seen prompts that are not exam questions.
     */
    public List<Example> clincAsOther() {
        List<Example> train = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (Map<String, String> row : csv("clinc150/clinc150_full.csv")) {
            String split = row.get("split");
            Example e = new Example(row.get("text"), "other", "test".equals(split), CLINC150);
            if ("train".equals(split)) {
                train.add(e);
            } else if ("test".equals(split)) {
                test.add(e);
            }
        }
        Comparator<Example> byHash = Comparator.comparing(e -> Integer.toHexString(e.text().hashCode()) + e.text());
        train.sort(byHash);
        test.sort(byHash);
        List<Example> out = new ArrayList<>(train.subList(0, Math.min(CLINC_OTHER_SAMPLES, train.size())));
        out.addAll(test.subList(0, Math.min(1000, test.size())));
        return out;
    }

    /** Jailbreak / prompt-injection (label "jailbreak") against benign and plain harmful requests ("safe"). */
    public List<Example> jailbreak() {
        List<Example> out = new ArrayList<>();
        for (Map<String, String> row : csv("jailbreak/jailbreak_benign.csv")) {
            String label = "jailbreak".equals(row.get("label")) ? "jailbreak" : "safe";
            out.add(new Example(row.get("text"), label, Split.heldOut("jb:" + row.get("text")), JAILBREAK));
        }
        return out;
    }

    public Path pii(String file) {
        return root.resolve("pii").resolve(file);
    }

    List<Map<String, String>> csv(String relative) {
        try {
            return CsvReader.read(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + relative + ": " + e.getMessage(), e);
        }
    }
}
