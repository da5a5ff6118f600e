package dev.sovereign.router.train;

import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.PromptEncoder;
import dev.sovereign.router.encoder.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Examples encoded once by one prompt encoder, with label indices and their tokens (for heads
 * with a token bag), split into train and held-out.
 */
public record LabeledFeatures(List<String> labels, List<float[]> trainX, List<IntList> trainTokens, int[] trainY,
                              List<float[]> testX, List<IntList> testTokens, int[] testY, List<Example> testExamples) {

    /** Tokens read per example: the same cap the router applies at run time. */
    static final int MAX_TOKENS = 8192;

    public static LabeledFeatures encode(List<Example> examples, List<String> labels, WordPieceTokenizer tokenizer,
                                         PromptEncoder encoder) {
        return encode(examples, labels, tokenizer, encoder, false);
    }

    /** With {@code heldOutOnly}, training rows are skipped (evaluation needs only the held-out ones). */
    public static LabeledFeatures encode(List<Example> examples, List<String> labels, WordPieceTokenizer tokenizer,
                                         PromptEncoder encoder, boolean heldOutOnly) {
        List<float[]> trainX = new ArrayList<>();
        List<IntList> trainTokens = new ArrayList<>();
        List<IntList> testTokens = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<float[]> testX = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        List<Example> testExamples = new ArrayList<>();
        for (Example e : examples) {
            int y = labels.indexOf(e.label());
            if (y < 0) {
                throw new IllegalArgumentException("label " + e.label() + " is not one of " + labels);
            }
            if (heldOutOnly && !e.heldOut()) {
                continue;
            }
            IntList tokens = tokenizer.encode(e.text(), MAX_TOKENS);
            float[] x = encoder.features(tokens);
            if (e.heldOut()) {
                testX.add(x);
                testTokens.add(tokens);
                testY.add(y);
                testExamples.add(e);
            } else {
                trainX.add(x);
                trainTokens.add(tokens);
                trainY.add(y);
            }
        }
        return new LabeledFeatures(labels, trainX, trainTokens, trainY.stream().mapToInt(Integer::intValue).toArray(),
                testX, testTokens, testY.stream().mapToInt(Integer::intValue).toArray(), testExamples);
    }
}
