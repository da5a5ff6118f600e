package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
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
 * Models written in the tensor-type mixes llama-quantize writes (Q4_K_M, Q5_K_M, Q6_K, Q4_1) agree with llama.cpp
 * token for token over 64 greedy steps, under the same rules as {@link GeneratedModelAgreementTest}. The models are
 * 256 wide, so most matrices are K-quants, and their MLP is 320 wide, so ffn_down takes the 32-weight fallbacks
 * (Q5_0, Q5_1, Q8_0) as in a real Qwen2.5-0.5B file.
 */
class KQuantAgreementTest {

    static final TestModelSpec LLAMA = new TestModelSpec("llama-256", "llama", 256, 4, 4, 2, 64, 320, 10000f,
            false, false, false, DType.Q8_0, 21);
    static final TestModelSpec QWEN2 = new TestModelSpec("qwen2-256", "qwen2", 256, 4, 4, 2, 64, 320, 1000000f,
            true, false, false, DType.Q8_0, 22);

    @TempDir
    static Path dir;

    static Stream<Arguments> mixes() {
        return Stream.of(
                Arguments.of(LLAMA, QuantMix.Q4_K_M, Set.of(DType.Q4_K, DType.Q6_K, DType.Q5_0, DType.Q8_0)),
                Arguments.of(QWEN2, QuantMix.Q4_K_M, Set.of(DType.Q4_K, DType.Q6_K, DType.Q5_0, DType.Q8_0)),
                Arguments.of(LLAMA, QuantMix.Q5_K_M, Set.of(DType.Q5_K, DType.Q6_K, DType.Q5_1, DType.Q8_0)),
                Arguments.of(QWEN2, QuantMix.Q6_K, Set.of(DType.Q6_K, DType.Q8_0)),
                Arguments.of(LLAMA, QuantMix.Q4_1, Set.of(DType.Q4_1, DType.Q6_K)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mixes")
    void greedyAgreementWithLlamaCpp(TestModelSpec spec, QuantMix mix, Set<DType> matrixTypes) {
        Path gguf = TestModels.writeGguf(spec, mix, dir);
        assertThat(GgufFile.open(gguf).tensors().values().stream().filter(t -> t.shape().length == 2)
                .map(t -> t.type()).collect(Collectors.toSet())).as("the mix's matrix types")
                .isEqualTo(matrixTypes);
        int[] prompt = {72, 101, 300, 415, 270, 33, 490, 312};
        var result = OracleComparison.compare(gguf, prompt, 64, 4e-2f);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).as("tokens agreed before a near-tie").isGreaterThanOrEqualTo(32);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(8);
    }
}
