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

    @TempDir
    static Path dir;

    static List<Spec> models() {
        return DenseArchitectureModels.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsMatchTransformers(Spec spec) throws IOException {
        HfReferenceLogitsTest.assertMatchesTransformers(spec.name(), DenseArchitectureModels.writeHf(spec, dir,
                DType.F32));
    }
}
