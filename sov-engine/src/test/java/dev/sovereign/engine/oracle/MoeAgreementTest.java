package dev.sovereign.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.Tensor;
import dev.sovereign.engine.format.gguf.GgufFile;
import dev.sovereign.engine.testmodel.MoeTestModelSpec;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.testmodel.QuantMix;
import dev.sovereign.engine.testmodel.TestModelSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mixtral, written by our generator as llama.cpp's converter writes it (a {@code llama} GGUF with
 * {@code llama.expert_count} and stacked {@code ffn_*_exps} tensors), agrees with llama.cpp b4916 token for token
 * over 64 greedy steps, under the rules of {@link GeneratedModelAgreementTest}, in three encodings of the experts.
 * (Qwen3-MoE arrived in llama.cpp after b4916: it is checked against HF transformers' logits.)
 */
class MoeAgreementTest {

    @TempDir
    static Path dir;

    static Stream<MoeTestModelSpec> models() {
        // the Q4_0 and F16 files take another seed: seed 17's routing comes within 0.013 of a tie in their runs
        return Stream.of(MoeTestModels.MIXTRAL, MoeTestModels.mixtral("mixtral-tiny-q4_0", DType.Q4_0, 123),
                MoeTestModels.mixtral("mixtral-tiny-f16", DType.F16, 123));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void greedyAgreementWithLlamaCpp(MoeTestModelSpec spec) {
        Path gguf = MoeTestModels.writeGguf(spec, dir);
        int[] prompt = {72, 101, 300, 415, 270, 33, 490, 312};
        var result = OracleComparison.compare(gguf, prompt, 64, 4e-2f);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).as("tokens agreed before a near-tie").isGreaterThanOrEqualTo(32);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(8);
    }

    /**
     * A 256-wide Mixtral in llama-quantize's Q4_K_M mix: experts in Q4_K, and Q6_K for the down experts of the layer
     * its {@code use_more_bits} picks, under the rules and tolerance (0.2) of {@link KQuantAgreementTest}.
     */
    @Test
    void kQuantExpertsAgreeWithLlamaCpp() {
        MoeTestModelSpec spec = new MoeTestModelSpec(new TestModelSpec("mixtral-256", "mistral", 256, 2, 4, 2, 64,
                256, 1000000f, false, false, false, DType.Q8_0, 213), 8, 2, true);
        Path gguf = MoeTestModels.writeGguf(spec, QuantMix.Q4_K_M, dir);
        Map<String, DType> types = GgufFile.open(gguf).tensors().values().stream()
                .filter(t -> t.name().contains("_exps")).collect(Collectors.toMap(Tensor::name, Tensor::type));
        assertThat(types).containsEntry("blk.0.ffn_gate_exps.weight", DType.Q4_K)
                .containsEntry("blk.0.ffn_down_exps.weight", DType.Q4_K)
                .containsEntry("blk.1.ffn_down_exps.weight", DType.Q6_K);
        var result = OracleComparison.compare(gguf, new int[] {72, 101, 300, 415, 270, 33, 490, 312}, 64, 0.2f);
        assertThat(result.ours()).hasSize(64);
        assertThat(result.agreedSteps()).as("tokens agreed before a near-tie").isGreaterThanOrEqualTo(8);
        assertThat(result.probedSteps()).as("steps whose logit gap could be probed").isGreaterThanOrEqualTo(3);
    }
}
