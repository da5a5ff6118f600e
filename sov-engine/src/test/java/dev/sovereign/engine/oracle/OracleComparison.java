package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.generate.Generator;
import dev.sovereign.engine.generate.SamplingParams;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs our engine and llama.cpp on the same GGUF and prompt ids: greedy generation must agree piece for piece, and
 * at every step the gap between our two best logits must match llama.cpp's within {@code tolerance} (checked by
 * biasing llama.cpp's best token down by the gap minus and plus the tolerance).
 */
public final class OracleComparison {

    private OracleComparison() {
    }

    public record Result(int[] ours, List<String> theirs, float smallestGap) {
    }

    public static Result compare(Path gguf, int[] prompt, int steps, float tolerance) {
        LoadedModel model = ModelLoader.load(gguf);
        List<float[]> logitsPerStep = new ArrayList<>();
        int[] ours;
        try (VectorKernels kernels = new VectorKernels(2)) {
            ours = new Generator(model.transformer(kernels), Set.of()).generate(prompt,
                    new SamplingParams(0f, 0, steps, true), (token, logits) -> logitsPerStep.add(logits.clone()));
        }
        float smallestGap = Float.MAX_VALUE;
        try (LlamaCpp llama = new LlamaCpp(gguf, 2, prompt.length + steps + 8)) {
            List<String> theirs = llama.greedy(prompt, steps);
            StringBuilder ourText = new StringBuilder();
            List<String> ourPieces = new ArrayList<>();
            for (int t : ours) {
                ourPieces.add(llama.piece(t));
                ourText.append(llama.piece(t));
            }
            assertThat(ourText.toString()).as("generated text, ours vs llama.cpp")
                    .isEqualTo(String.join("", theirs));
            if (theirs.size() == ours.length) {
                assertThat(ourPieces).as("generated pieces, ours vs llama.cpp").isEqualTo(theirs);
            }
            for (int step = 0; step < ours.length; step++) {
                float[] logits = logitsPerStep.get(step);
                int best = ours[step];
                int second = secondBest(logits, best);
                float gap = logits[best] - logits[second];
                smallestGap = Math.min(smallestGap, gap);
                int[] prefix = new int[prompt.length + step];
                System.arraycopy(prompt, 0, prefix, 0, prompt.length);
                System.arraycopy(ours, 0, prefix, prompt.length, step);
                String expectedFlip = llama.piece(second);
                if (expectedFlip.equals(llama.piece(best))) {
                    continue; // indistinguishable by text
                }
                assertThat(llama.nextWithBias(prefix, Map.of(best, -(gap + tolerance))))
                        .as("step %d: llama.cpp's logit gap exceeds ours (%f) by more than %f", step, gap, tolerance)
                        .isEqualTo(expectedFlip);
                if (gap > tolerance) {
                    assertThat(llama.nextWithBias(prefix, Map.of(best, -(gap - tolerance))))
                            .as("step %d: llama.cpp's logit gap is below ours (%f) by more than %f", step, gap,
                                    tolerance)
                            .isEqualTo(llama.piece(best));
                }
            }
            return new Result(ours, theirs, smallestGap);
        }
    }

    private static int secondBest(float[] logits, int best) {
        int second = best == 0 ? 1 : 0;
        for (int i = 0; i < logits.length; i++) {
            if (i != best && logits[i] > logits[second]) {
                second = i;
            }
        }
        return second;
    }
}
