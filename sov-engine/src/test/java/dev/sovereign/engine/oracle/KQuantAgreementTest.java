package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.testmodel.QuantMix;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Models written in the tensor-type mixes llama-quantize writes (Q4_K_M, Q5_K_M, Q6_K) agree with llama.cpp token
 * for token over 64 greedy steps, under the rules of {@link GeneratedModelAgreementTest}. The models are 256 wide, so
 * most matrices are K-quants; with a 320-wide MLP, ffn_down takes the 32-weight fallbacks (Q5_0, Q8_0) as in a real
 * Qwen2.5-0.5B file.
 *
 * <p>The logit tolerance is 0.2, not the 4e-2 of the 64-wide models: at this width the Q8_0 model of the same shape
 * (the first case, the engine's long-tested path) needs it too. Measured with several seeds, its one-step gaps and
 * llama.cpp's differ by up to 0.1-0.2 (llama.cpp's probe runs the prefix as a batch, whose rounding differs from its
 * token-by-token decode), and the K-quant mixes stay within the same bound (Q4_K_M and Q6_K within 0.1).
 */
class KQuantAgreementTest {

    private static final float TOLERANCE = 0.2f;

    static final TestModelSpec LLAMA = new TestModelSpec("llama-256", "llama", 256, 2, 4, 2, 64, 320, 10000f,
            false, false, false, DType.Q8_0, 21);
    static final TestModelSpec QWEN2 = new TestModelSpec("qwen2-256", "qwen2", 256, 2, 4, 2, 64, 320, 1000000f,
            true, false, false, DType.Q8_0, 22);
    /** An MLP 512 wide: every matrix is a K-quant, so the Q5_K_M mix holds Q5_K and Q6_K only. */
    static final TestModelSpec LLAMA_WIDE_MLP = new TestModelSpec("llama-256-512", "llama", 256, 2, 4, 2, 64, 512,
            10000f, false, false, false, DType.Q8_0, 23);

    @TempDir
    static Path dir;

    static Stream<Arguments> mixes() {
        return Stream.of(
                Arguments.of(LLAMA, null, Set.of(DType.Q8_0)),
                Arguments.of(LLAMA, QuantMix.Q4_K_M, Set.of(DType.Q4_K, DType.Q6_K, DType.Q5_0, DType.Q8_0)),
                Arguments.of(QWEN2, QuantMix.Q4_K_M, Set.of(DType.Q4_K, DType.Q6_K, DType.Q5_0, DType.Q8_0)),
                Arguments.of(QWEN2, QuantMix.Q6_K, Set.of(DType.Q6_K, DType.Q8_0)),
                Arguments.of(LLAMA_WIDE_MLP, QuantMix.Q5_K_M, Set.of(DType.Q5_K, DType.Q6_K)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mixes")
    void greedyAgreementWithLlamaCpp(TestModelSpec spec, QuantMix mix, Set<DType> matrixTypes) {
        Path gguf = mix == null ? TestModels.writeGguf(spec, dir) : TestModels.writeGguf(spec, mix, dir);
        assertThat(GgufFile.open(gguf).tensors().values().stream().filter(t -> t.shape().length == 2)
                .map(Tensor::type).collect(Collectors.toSet())).as("the file's matrix types").isEqualTo(matrixTypes);
        int[] prompt = {72, 101, 300, 415, 270, 33, 490, 312};
        var result = OracleComparison.compare(gguf, prompt, 64, TOLERANCE);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).as("tokens agreed before a near-tie").isGreaterThanOrEqualTo(8);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(3);
    }
}
