package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.testmodel.DenseArchitectureModels;
import dev.sovereign.engine.testmodel.DenseArchitectureModels.Spec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemma 3 (five local layers with a window of 8 and their own rope base, one global layer with linear rope scaling),
 * Phi-3 (fused projections, partial rotary, LongRoPE and its attention factor) and Qwen2 with YaRN agree with
 * llama.cpp b4916 token for token, as {@link GeneratedModelAgreementTest} checks the Llama-block models. The 24-token
 * prompt runs past Gemma's window in prefill, and prompt plus 64 steps reach position 88, beyond the original rope
 * context of 32. (llama.cpp b4916 does not apply Phi-3's window; transformers checks it.)
 */
class DenseArchitectureAgreementTest {

    @TempDir
    static Path dir;

    static List<Spec> models() {
        return DenseArchitectureModels.LLAMA_CPP;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void greedyAgreementWithLlamaCpp(Spec spec) {
        Path gguf = DenseArchitectureModels.writeGguf(spec, dir);
        int[] prompt = Arrays.copyOf(DenseArchitectureModels.LONG_PROMPT, 24);
        var result = OracleComparison.compare(gguf, prompt, 64, 4e-2f);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).as("tokens agreed before a near-tie").isGreaterThanOrEqualTo(32);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(8);
    }
}
