package dev.sovereign.router.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.router.pii.PiiDetector;
import dev.sovereign.router.pii.PiiEntity;
import dev.sovereign.router.pii.PiiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Span-level PII precision and recall on the Presidio sets: a gold span is found when a detected
 * entity of the same type overlaps it; a detection is correct when it overlaps a gold span of its type.
 */
public final class PiiEvaluation {

    public static final List<String> FILES = List.of("presidio_synth_dataset_v2.jsonl", "presidio_generated_large.jsonl");

    /** Counts for one entity type. */
    public static final class Counts {
        public int gold;
        public int goldFound;
        public int predicted;
        public int predictedCorrect;

        public double recall() {
            return gold == 0 ? Double.NaN : (double) goldFound / gold;
        }

        public double precision() {
            return predicted == 0 ? Double.NaN : (double) predictedCorrect / predicted;
        }
    }

    /** A sentence, its gold spans, and the template it was generated from ("file:template_id"). */
    public record Labeled(String text, List<PiiEntity> gold, String template) {

        /**
         * The structured rules are written and tuned on the sentences of the development half of
         * the templates only; the evaluation half (SHA-256("pii-templates:" + file + ":" +
         * template_id)[0] < 128) is scored, never read: a split by sentence would leave each
         * template's wording on both sides (docs/decisions/0107).
         */
        public boolean inRulesEvaluationHalf() {
            return Split.secondHalf("pii-templates:" + template);
        }
    }

    public static List<Labeled> load(Datasets datasets, boolean heldOutOnly) {
        ObjectMapper json = new ObjectMapper();
        List<Labeled> out = new ArrayList<>();
        for (String file : FILES) {
            try {
                for (String line : Files.readAllLines(datasets.pii(file))) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode row = json.readTree(line);
                    String text = row.get("text").asText();
                    if (heldOutOnly && !Split.heldOut("pii:" + text)) {
                        continue;
                    }
                    List<PiiEntity> gold = new ArrayList<>();
                    for (JsonNode s : row.get("spans")) {
                        PiiType t = map(s.get("entity_type").asText());
                        if (t != null) {
                            gold.add(new PiiEntity(t, s.get("start").asInt(), s.get("end").asInt(), 1));
                        }
                    }
                    out.add(new Labeled(text, gold, file + ":" + row.path("template_id").asText()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return out;
    }

    /** Presidio's names onto ours; types we do not detect (dates, titles, ...) are left out. */
    public static PiiType map(String presidio) {
        return switch (presidio) {
            case "EMAIL_ADDRESS" -> PiiType.EMAIL_ADDRESS;
            case "PHONE_NUMBER" -> PiiType.PHONE_NUMBER;
            case "CREDIT_CARD" -> PiiType.CREDIT_CARD;
            case "IBAN_CODE" -> PiiType.IBAN_CODE;
            case "US_SSN" -> PiiType.US_SSN;
            case "IP_ADDRESS" -> PiiType.IP_ADDRESS;
            case "PERSON" -> PiiType.PERSON;
            case "GPE", "LOCATION" -> PiiType.LOCATION;
            default -> null;
        };
    }

    public static Map<PiiType, Counts> evaluate(PiiDetector detector, List<Labeled> data) {
        Map<PiiType, Counts> counts = new EnumMap<>(PiiType.class);
        for (Labeled row : data) {
            List<PiiEntity> predicted = detector.detect(row.text());
            for (PiiEntity g : row.gold()) {
                Counts c = counts.computeIfAbsent(g.type(), t -> new Counts());
                c.gold++;
                if (predicted.stream().anyMatch(p -> p.type() == g.type() && p.overlaps(g))) {
                    c.goldFound++;
                }
            }
            for (PiiEntity p : predicted) {
                Counts c = counts.computeIfAbsent(p.type(), t -> new Counts());
                c.predicted++;
                if (row.gold().stream().anyMatch(g -> g.type() == p.type() && p.overlaps(g))) {
                    c.predictedCorrect++;
                }
            }
        }
        return counts;
    }
}
