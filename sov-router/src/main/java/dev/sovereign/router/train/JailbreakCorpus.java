package dev.sovereign.router.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jailbreak head's rows and their split (docs/decisions/0105). The shared data set's jailbreaks
 * are long and its benign prompts short, so it is completed with long benign prompts (MMLU-Pro
 * questions over 1,000 characters, support-inbox digests of CLINC150 validation queries, and the
 * authored agent system prompts and code reviews of {@code jailbreak-authored.jsonl}) and short
 * jailbreaks (authored). Rows are split by near-duplicate group, never row by row, so no held-out
 * row shares a template with a training row; authored system prompts and code stay in training,
 * since the real clients' prompts are the check for them.
 */
public final class JailbreakCorpus {

    public static final String AUTHORED = "dev/sovereign/router/train/jailbreak-authored.jsonl";
    /** Long MMLU-Pro questions added as benign rows. */
    static final int MMLU_LONG_ROWS = 400;
    static final int MMLU_LONG_CHARS = 1000;
    /** CLINC150 validation queries per digest. */
    static final int DIGEST_QUERIES = 30;

    /** One row before the split; {@code trainOnly} rows (and their whole group) are never held out. */
    record Row(String text, String label, String source, boolean trainOnly) {
    }

    private JailbreakCorpus() {
    }

    public static List<Example> examples(Datasets datasets) {
        return split(rows(datasets));
    }

    /**
     * The training groups only, with the validation groups carved from them marked held out
     * (SHA-256("jb-validation:" + group key)[0] < 52): what candidates are chosen on, never the
     * held-out groups (docs/decisions/0106).
     */
    public static List<Example> validationSplit(Datasets datasets) {
        return validationSplit(datasets, "jb-validation:");
    }

    /** The same carving with another salt: repeated carvings give more validation rows to choose on. */
    public static List<Example> validationSplit(Datasets datasets, String salt) {
        List<Row> rows = rows(datasets);
        List<Example> split = split(rows);
        List<Row> training = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!split.get(i).heldOut()) {
                training.add(rows.get(i));
            }
        }
        return split(training, salt);
    }

    private static List<Row> rows(Datasets datasets) {
        List<Row> rows = new ArrayList<>();
        for (Example e : datasets.jailbreak()) {
            rows.add(new Row(e.text(), e.label(), Datasets.JAILBREAK, false));
        }
        rows.addAll(longMmluQuestions(datasets));
        rows.addAll(inboxDigests(datasets));
        rows.addAll(authored());
        return rows;
    }

    /** Held out by group: SHA-256("jb-group:" + the group's first text in sorted order)[0] < 52. */
    static List<Example> split(List<Row> rows) {
        return split(rows, "jb-group:");
    }

    private static List<Example> split(List<Row> rows, String salt) {
        int[] group = NearDuplicates.groups(rows.stream().map(Row::text).toList());
        Map<Integer, String> key = new HashMap<>();
        Map<Integer, Boolean> pinned = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String norm = NearDuplicates.normalize(rows.get(i).text());
            key.merge(group[i], norm, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            pinned.merge(group[i], rows.get(i).trainOnly(), Boolean::logicalOr);
        }
        List<Example> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean heldOut = !pinned.get(group[i]) && Split.heldOut(salt + key.get(group[i]));
            out.add(new Example(r.text(), "jailbreak".equals(r.label()) ? "jailbreak" : "safe", heldOut, r.source()));
        }
        return out;
    }

    static List<Row> longMmluQuestions(Datasets datasets) {
        List<Map<String, String>> rows = new ArrayList<>(datasets.csv("mmlu_pro/mmlu_pro_test.csv"));
        rows.sort(Comparator.comparing(r -> Split.digestHex("mmlu-long:" + r.get("question_id"))));
        List<Row> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Map<String, String> r : rows) {
            String text = withOptions(json, r.get("question"), r.get("options_json"));
            if (text.length() > MMLU_LONG_CHARS) {
                out.add(new Row(text, "benign", "mmlu_pro/long", false));
                if (out.size() == MMLU_LONG_ROWS) {
                    break;
                }
            }
        }
        return out;
    }

    /** The data set's own layout for MMLU-Pro rows: question, "Options:", lettered options. */
    private static String withOptions(ObjectMapper json, String question, String optionsJson) {
        StringBuilder sb = new StringBuilder(question).append("\nOptions:");
        try {
            JsonNode options = json.readTree(optionsJson);
            for (int i = 0; i < options.size(); i++) {
                sb.append('\n').append((char) ('A' + i)).append(". ").append(options.get(i).asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("options_json of an MMLU-Pro row: " + e.getMessage(), e);
        }
        return sb.toString();
    }

    /** Long benign documents: CLINC150 validation queries, {@value #DIGEST_QUERIES} to a digest, in a fixed order. */
    static List<Row> inboxDigests(Datasets datasets) {
        List<String> queries = new ArrayList<>();
        for (Map<String, String> r : datasets.csv("clinc150/clinc150_full.csv")) {
            if ("val".equals(r.get("split"))) {
                queries.add(r.get("text"));
            }
        }
        queries.sort(Comparator.comparing(q -> Split.digestHex("digest:" + q)));
        List<Row> out = new ArrayList<>();
        for (int start = 0; start + DIGEST_QUERIES <= queries.size(); start += DIGEST_QUERIES) {
            StringBuilder sb = new StringBuilder("Here are this morning's messages from our support inbox. "
                    + "Group them by topic and draft a one-line reply for each group.\n");
            for (String q : queries.subList(start, start + DIGEST_QUERIES)) {
                sb.append("\n- ").append(q);
            }
            out.add(new Row(sb.toString(), "benign", "clinc150/val-digest", false));
        }
        return out;
    }

    static List<Row> authored() {
        ObjectMapper json = new ObjectMapper();
        List<Row> out = new ArrayList<>();
        try (InputStream in = JailbreakCorpus.class.getClassLoader().getResourceAsStream(AUTHORED)) {
            if (in == null) {
                throw new IllegalStateException(AUTHORED + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                String kind = row.get("kind").asText();
                boolean pinned = kind.equals("authored_system_prompt") || kind.equals("authored_code");
                out.add(new Row(row.get("text").asText(), row.get("label").asText(), kind, pinned));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + AUTHORED, e);
        }
        return out;
    }
}
