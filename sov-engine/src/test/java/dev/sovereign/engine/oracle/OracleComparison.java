package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs our engine (through the serving engine's scheduler, runner and sampler, as the server runs it) and llama.cpp
 * on the same GGUF and prompt ids: greedy generation must agree piece for piece, and
 * at every step the gap between our two best logits must match llama.cpp's within {@code tolerance} (checked by
 * biasing llama.cpp's best token down by the gap minus and plus the tolerance).
 */
public final class OracleComparison {

    private OracleComparison() {
    }

    /** {@code probedSteps}: steps whose logit gap was checked (both candidates have printable text). */
    public record Result(int[] ours, List<String> theirs, float smallestGap, int probedSteps, int agreedSteps) {
    }

    public static Result compare(Path gguf, int[] prompt, int steps, float tolerance) {
        LoadedModel model = ModelLoader.load(gguf);
        List<float[]> logitsPerStep = new ArrayList<>();
        int[] ours;
        try (ServingEngine engine = new ServingEngine(model, EngineSettings.oneSequence(model.config(),
                prompt.length + steps, 2))) {
            ServingEngine.Result result = engine.generate(prompt, SamplingOptions.greedy(steps).ignoringEos(),
                    logitsPerStep::add).join();
            assertThat(result.completion().error()).as("our engine's error").isNull();
            ours = result.tokens();
        }
        float smallestGap = Float.MAX_VALUE;
        try (LlamaCpp llama = new LlamaCpp(gguf, 2, prompt.length + steps + 8)) {
            List<String> theirs = llama.greedy(prompt, steps);
            java.util.Set<Integer> control = controlTokens(model);
            int agreed = agreedSteps(llama, control, ours, String.join("", theirs));
            if (agreed < ours.length) {
                // a divergence is only acceptable where our two best logits were within the tolerance
                float gap = Float.MAX_VALUE;
                for (int s = Math.max(0, agreed - 3); s <= agreed; s++) {
                    gap = Math.min(gap, gapAt(logitsPerStep.get(s), ours[s]));
                }
                assertThat(gap).as("llama.cpp diverged after %d agreed tokens where our logit gap was %f",
                        agreed, gap).isLessThan(tolerance);
            }
            int probed = 0;
            for (int step = 0; step < agreed; step++) {
                float[] logits = logitsPerStep.get(step);
                int best = ours[step];
                int second = secondBest(logits, best);
                float gap = logits[best] - logits[second];
                smallestGap = Math.min(smallestGap, gap);
                int[] prefix = new int[prompt.length + step];
                System.arraycopy(prompt, 0, prefix, 0, prompt.length);
                System.arraycopy(ours, 0, prefix, prompt.length, step);
                String expectedFlip = llama.piece(second);
                if (control.contains(best) || control.contains(second) || expectedFlip.equals(llama.piece(best))
                        || !standalone(expectedFlip)
                        || !standalone(llama.piece(best))) {
                    continue; // the two tokens cannot be told apart by the text llama.cpp returns
                }
                String flipped = llama.nextWithBias(prefix, Map.of(best, -(gap + tolerance)));
                // where our third logit is within twice the tolerance of our second, llama.cpp may rank the two the
                // other way within the tolerance: its flip landing on the third token then says nothing
                float runnerUpMargin = logits[second] - logits[secondBest(logits, best, second)];
                if (runnerUpMargin < 2 * tolerance && !flipped.equals(expectedFlip)
                        && !flipped.equals(llama.piece(best))) {
                    continue;
                }
                probed++;
                assertThat(flipped)
                        .as("step %d: llama.cpp's logit gap exceeds ours (%f) by more than %f", step, gap, tolerance)
                        .isEqualTo(expectedFlip);
                if (gap > tolerance) {
                    assertThat(llama.nextWithBias(prefix, Map.of(best, -(gap - tolerance))))
                            .as("step %d: llama.cpp's logit gap is below ours (%f) by more than %f", step, gap,
                                    tolerance)
                            .isEqualTo(llama.piece(best));
                }
            }
            return new Result(ours, theirs, smallestGap, probed, agreed);
        }
    }

    /**
     * How many of our tokens llama.cpp's text agrees with. Its stream leaves out control tokens and holds back
     * incomplete UTF-8, so our prefix is decoded the same way before comparing.
     */
    private static int agreedSteps(LlamaCpp llama, java.util.Set<Integer> control, int[] ours, String theirs) {
        for (int n = 1; n <= ours.length; n++) {
            int[] visible = java.util.Arrays.stream(ours, 0, n).filter(t -> !control.contains(t)).toArray();
            String text = llama.model().decode(visible);
            while (text.endsWith("\uFFFD")) {
                text = text.substring(0, text.length() - 1);
            }
            if (!theirs.startsWith(text)) {
                return n - 1;
            }
        }
        return ours.length;
    }

    private static java.util.Set<Integer> controlTokens(LoadedModel model) {
        java.util.Set<Integer> control = new java.util.HashSet<>();
        var tokenizer = model.tokenizer();
        for (int id = 0; id < tokenizer.vocabularySize(); id++) {
            String text = tokenizer.tokenText(id);
            if (id == tokenizer.bosToken() || id == tokenizer.eosToken() || tokenizer.endOfGenerationTokens()
                    .contains(id) || (text.startsWith("<|") && text.endsWith("|>"))
                    || (text.startsWith("<") && text.endsWith(">") && text.length() > 2 && id < 3)) {
                control.add(id);
            }
        }
        return control;
    }

    private static float gapAt(float[] logits, int best) {
        return logits[best] - logits[secondBest(logits, best)];
    }

    private static boolean standalone(String piece) {
        return !piece.isEmpty() && piece.indexOf('\uFFFD') < 0;
    }

    private static int secondBest(float[] logits, int best) {
        return secondBest(logits, best, best);
    }

    /** The best logit other than {@code skip1} and {@code skip2}. */
    private static int secondBest(float[] logits, int skip1, int skip2) {
        int second = -1;
        for (int i = 0; i < logits.length; i++) {
            if (i != skip1 && i != skip2 && (second < 0 || logits[i] > logits[second])) {
                second = i;
            }
        }
        return second;
    }
}
