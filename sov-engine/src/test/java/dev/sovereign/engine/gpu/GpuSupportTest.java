package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.model.RopeStyle;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.testmodel.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the GPU decoder refuses, checked on the configurations the loaders really produce. */
class GpuSupportTest {

    @TempDir
    Path dir;

    private static ModelConfig llama(String architecture, int heads, int kvHeads, int headDim) {
        return new ModelConfig(architecture, heads * headDim, 2, heads, kvHeads, headDim, 128, 100, 256, 1e-5f,
                10000f, headDim, RopeStyle.NEOX, null, false, false);
    }

    @Test
    void runsTheDenseLlamaBlockDecoders() {
        for (var spec : TestModels.ALL) {
            ModelConfig config = ModelLoader.load(TestModels.writeGguf(spec, dir))
                    .config();
            assertThat(GpuSupport.missingFeature(config)).as(spec.name()).isNull();
        }
    }

    @Test
    void refusesMixturesOfExpertsNamingTheArchitectureAndTheCpuDevice() {
        var spec = MoeTestModels.ALL.getFirst();
        ModelConfig config = ModelLoader.load(MoeTestModels.writeHf(spec, dir, DType.F32)).config();
        assertThatThrownBy(() -> GpuSupport.requireSupported(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mixture-of-experts")
                .hasMessageContaining(config.architecture())
                .hasMessageContaining("--device cpu");
    }

    @Test
    void refusesOtherArchitectures() {
        assertThat(GpuSupport.missingFeature(llama("gemma3", 4, 2, 16))).contains("gemma3");
        assertThat(GpuSupport.missingFeature(llama("phi3", 4, 2, 16))).contains("phi3");
    }

    @Test
    void refusesSlidingWindows() {
        ModelConfig windowed = llama("mistral", 4, 2, 16);
        windowed = windowed.withVariant(windowed.variant().withWindow(4096, null));
        assertThat(GpuSupport.missingFeature(windowed)).contains("sliding-window").contains("4096");
    }

    @Test
    void refusesHeadsTheAttentionKernelCannotHold() {
        assertThat(GpuSupport.missingFeature(llama("llama", 2, 1, 512))).contains("head dimension of 512");
        assertThat(GpuSupport.missingFeature(llama("llama", 2, 1, 256))).isNull();
    }
}
