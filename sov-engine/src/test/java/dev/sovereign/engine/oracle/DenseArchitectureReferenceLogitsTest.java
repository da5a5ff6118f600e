package dev.sovereign.engine.oracle;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.testmodel.DenseArchitectureModels;
import dev.sovereign.engine.testmodel.DenseArchitectureModels.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemma 3, Phi-3 (LongRoPE), Qwen2 with YaRN and Mistral with its sliding window against HF transformers' logits
 * (fixtures made on the GPU machine by tools/reference-logits/reference_logits.py from the folders
 * {@link DenseArchitectureModels#main} writes), as {@link HfReferenceLogitsTest} checks the Llama-block models. The
 * 48-token prompt is six times the shortest window and runs past the original rope context of 32.
 *
 * <p>The fixtures under {@code reference-logits/} were made by running the test-classpath main
 * {@code dev.sovereign.engine.testmodel.DenseArchitectureModels MODELS_DIR}, then on the GPU machine
 * {@code python3 tools/reference-logits/reference_logits.py MODELS_DIR OUT_DIR} (transformers 5.17, torch 2.11,
 * float32, eager attention); each fixture records the sha256 of the weights it came from.
 */
class DenseArchitectureReferenceLogitsTest {

    /**
     * Wider than {@link HfReferenceLogitsTest#TOLERANCE}: three times the positions, and the untied heads of Phi-3 and
     * Mistral give logits up to 13, so the F16 KV cache's rounding reaches further. Measured worst differences:
     * Gemma 3 0.0026, Qwen2-YaRN 0.0060, Mistral-SWA 0.024, Phi-3 0.026, with the argmax equal at every position.
     * A window one position longer, or Phi-3 without its window or its LongRoPE attention factor, changes the greedy
     * tokens from the first step (seen against llama.cpp while building this).
     */
    static final float TOLERANCE = 4e-2f;

    @TempDir
    static Path dir;

    static List<Spec> models() {
        return DenseArchitectureModels.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsMatchTransformers(Spec spec) throws IOException {
        HfReferenceLogitsTest.assertMatchesTransformers(spec.name(), DenseArchitectureModels.writeHf(spec, dir,
                DType.F32), TOLERANCE);
    }
}
