package dev.sovereign.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.testmodel.DenseArchitectureModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the loaders read of positions and windows from each format, and the errors for what they cannot honour. The
 * numbers themselves are held to llama.cpp and transformers by the oracle tests.
 */
class PositionEncodingsTest {

    @TempDir
    Path dir;

    @Test
    void bothFormatsOfEachModelReadTheSameWindowsAndScaling() {
        for (var spec : DenseArchitectureModels.ALL) {
            ModelConfig hf = ModelLoader.load(DenseArchitectureModels.writeHf(spec, dir, DType.F32)).config();
            ModelConfig gguf = ModelLoader.load(DenseArchitectureModels.writeGguf(spec, dir)).config();
            assertThat(gguf.ropeFreqFactors()).as(spec.name()).isEqualTo(hf.ropeFreqFactors());
            assertThat(gguf.variant().ropeAttentionFactor()).as(spec.name())
                    .isEqualTo(hf.variant().ropeAttentionFactor());
            for (int layer = 0; layer < hf.layers(); layer++) {
                boolean gemmaGlobal = spec == DenseArchitectureModels.GEMMA3 && layer == 5;
                assertThat(hf.variant().windowOf(layer)).as("%s layer %d", spec.name(), layer)
                        .isEqualTo(gemmaGlobal ? 0 : spec.slidingWindow());
                assertThat(hf.variant().usesLocalRope(layer)).isEqualTo(gguf.variant().usesLocalRope(layer));
            }
        }
    }

    /**
     * The HF folder runs as the GGUF llama.cpp agrees with: the same logits after the long prompt (F32 weights in
     * both, so only the rotary pairing and summation order differ).
     */
    @Test
    void theHfFolderRunsAsTheGgufDoes() {
        int[] prompt = DenseArchitectureModels.LONG_PROMPT;
        try (var kernels = new dev.sovereign.engine.kernel.VectorKernels(2)) {
            for (var spec : java.util.List.of(DenseArchitectureModels.GEMMA3, DenseArchitectureModels.MISTRAL_SWA)) {
                float[][] logits = new float[2][];
                java.nio.file.Path[] files = {DenseArchitectureModels.writeHf(spec, dir, DType.F32),
                    DenseArchitectureModels.writeGguf(spec, dir)};
                for (int f = 0; f < 2; f++) {
                    Transformer t = ModelLoader.load(files[f]).transformer(kernels);
                    logits[f] = t.forward(prompt, 0, prompt.length, 0, t.newCache(prompt.length));
                }
                for (int i = 0; i < logits[0].length; i++) {
                    assertThat(logits[0][i]).as("%s logit %d", spec.name(), i)
                            .isCloseTo(logits[1][i], org.assertj.core.data.Offset.offset(2e-3f));
                }
            }
        }
    }

    @Test
    void gemmaSlidesFiveLayersOfSixWithTheirOwnRope() {
        ModelConfig c = ModelLoader.load(DenseArchitectureModels.writeGguf(DenseArchitectureModels.GEMMA3, dir))
                .config();
        for (int layer = 0; layer < 6; layer++) {
            assertThat(c.variant().windowOf(layer)).isEqualTo(layer == 5 ? 0 : 8);
            assertThat(c.variant().usesLocalRope(layer)).isEqualTo(layer != 5);
        }
        assertThat(c.ropeFreqFactors()).containsOnly(8f);
        assertThat(c.variant().embeddingScale()).isEqualTo(8f);
    }

    @Test
    void yarnInterpolatesSlowPairsAndKeepsFastOnes() {
        float[] f = RopeScaling.yarnFactors(128, 10000, 4, 4096, 32, 1);
        assertThat(f[0]).isEqualTo(1f);
        assertThat(f[63]).isEqualTo(4f);
        for (int i = 1; i < f.length; i++) {
            assertThat(f[i]).isGreaterThanOrEqualTo(f[i - 1]);
        }
        assertThat(RopeScaling.yarnAttentionFactor(4)).isCloseTo((float) (1 + 0.1 * Math.log(4)),
                org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void dynamicRopeScalingIsRefusedWithTheSupportedList() throws IOException {
        assertRefused(DenseArchitectureModels.MISTRAL_SWA, "\"rope_scaling\" : null",
                "\"rope_scaling\" : {\"type\": \"dynamic\", \"factor\": 2}",
                "unsupported rope_scaling type 'dynamic' in config.json (supported: default, linear, llama3, yarn, "
                        + "longrope)");
    }

    @Test
    void longRopeFactorsOfTheWrongLengthAreNamed() throws IOException {
        assertRefused(DenseArchitectureModels.PHI3, "\"long_factor\" : [ 1.0883743, ", "\"long_factor\" : [ ",
                "config.json rope_scaling.long_factor must be a list of 6 numbers (half the rotary dimensions)");
    }

    @Test
    void gemmaSoftCappingIsRefused() throws IOException {
        assertRefused(DenseArchitectureModels.GEMMA3, "\"final_logit_softcapping\" : null",
                "\"final_logit_softcapping\" : 30.0",
                "config.json final_logit_softcapping is not supported (Gemma 3 has none)");
    }

    /** The HF folder of {@code spec} with {@code from} replaced by {@code to} in config.json fails to load so. */
    private void assertRefused(DenseArchitectureModels.Spec spec, String from, String to, String message)
            throws IOException {
        Path folder = DenseArchitectureModels.writeHf(spec, dir, DType.F32);
        Path config = folder.resolve("config.json");
        String json = Files.readString(config);
        assertThat(json).contains(from);
        Files.writeString(config, json.replace(from, to));
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessage(message);
    }
}
