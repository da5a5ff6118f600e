package dev.sovereign.router.train;

import dev.sovereign.router.encoder.WordPieceTokenizer;
import dev.sovereign.router.guard.JailbreakGuard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Scores the guard on the held-out near-duplicate groups of {@link JailbreakCorpus}, per length
 * band, the way it runs (most suspicious window), and checks the split: how many held-out rows
 * share a {@value NearDuplicates#SHARED_CHARS}-character run with a training row, counted by
 * hashing every such run of the training rows (not by the grouping's own fingerprints).
 */
public final class JailbreakEvaluation {

    /** Precision, recall and F1 of one slice. */
    public record Scores(int rows, int jailbreaks, double precision, double recall, double f1) {
    }

    private final List<Example> heldOut;
    private final double[] score;

    public JailbreakEvaluation(List<Example> examples, WordPieceTokenizer tokenizer, JailbreakGuard guard) {
        this.heldOut = examples.stream().filter(Example::heldOut).toList();
        this.score = new double[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            String text = heldOut.get(i).text();
            score[i] = guard.scoreText(text, tokenizer.encode(text, JailbreakTraining.MAX_TOKENS));
        }
    }

    public Scores scores(Predicate<Example> slice, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int rows = 0;
        int positives = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            Example e = heldOut.get(i);
            if (!slice.test(e)) {
                continue;
            }
            rows++;
            boolean predicted = score[i] >= threshold;
            boolean actual = e.label().equals("jailbreak");
            positives += actual ? 1 : 0;
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Scores(rows, positives, precision, recall, f1);
    }

    /** Held-out rows that share a run of {@value NearDuplicates#SHARED_CHARS} normalised characters with a training row. */
    public static int heldOutSharingARun(List<Example> examples) {
        List<Long> trainRuns = new ArrayList<>();
        for (Example e : examples) {
            if (!e.heldOut()) {
                runs(NearDuplicates.normalize(e.text()), trainRuns::add);
            }
        }
        long[] sorted = trainRuns.stream().mapToLong(Long::longValue).sorted().toArray();
        int sharing = 0;
        for (Example e : examples) {
            if (e.heldOut()) {
                boolean[] hit = {false};
                runs(NearDuplicates.normalize(e.text()), h -> hit[0] |= Arrays.binarySearch(sorted, h) >= 0);
                sharing += hit[0] ? 1 : 0;
            }
        }
        return sharing;
    }

    /** Every run of {@value NearDuplicates#SHARED_CHARS} characters, hashed (String.hashCode twice, 64 bits). */
    private static void runs(String s, java.util.function.LongConsumer out) {
        int n = NearDuplicates.SHARED_CHARS;
        for (int i = 0; i + n <= s.length(); i++) {
            String run = s.substring(i, i + n);
            out.accept(((long) run.hashCode() << 32) ^ (run.substring(n / 2) + run).hashCode() & 0xFFFFFFFFL);
        }
    }

    /** The Markdown table of docs/router.md. */
    public String table(double threshold) {
        StringBuilder md = new StringBuilder();
        md.append("| rows | band | held-out rows | jailbreaks | precision | recall | F1 |\n|---|---|---|---|---|---|---|\n");
        row(md, "all", "all", e -> true, threshold);
        for (LengthBand band : LengthBand.ALL) {
            row(md, "all", band.label(), e -> LengthBand.of(e.text()) == band, threshold);
        }
        for (LengthBand band : LengthBand.ALL) {
            row(md, "data set only", band.label(),
                    e -> e.source().equals(Datasets.JAILBREAK) && LengthBand.of(e.text()) == band, threshold);
        }
        return md.toString();
    }

    private void row(StringBuilder md, String rows, String band, Predicate<Example> slice, double threshold) {
        Scores s = scores(slice, threshold);
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %.3f | %.3f |%n", rows, band, s.rows(),
                s.jailbreaks(), s.precision(), s.recall(), s.f1()));
    }
}
