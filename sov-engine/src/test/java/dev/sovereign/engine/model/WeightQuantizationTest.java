package dev.sovereign.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.WeightMatrix;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code quantization: fp8} on the embedded engine: float matrices of a GGUF (F32, F16) or a safetensors folder
 * become Q8_0 while loading, byte for byte what the GGUF writer's Q8_0 (ggml's reference rounding) stores for the
 * same weights; GPU schemes are refused naming where the value came from.
 */
class WeightQuantizationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} GGUF")
    @ValueSource(strings = {"F32", "F16"})
    void fp8QuantizesAFloatGgufToTheQ8BytesOfAQ8Gguf(String stored) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("q8"));
        java.nio.file.Files.createDirectories(dir.resolve(stored));
        TestModelSpec spec = TestModels.QWEN2;
        LoadedModel q8 = ModelLoader.load(TestModels.writeGguf(spec.withMatrixType(DType.Q8_0), dir.resolve("q8")),
                WeightQuantization.AS_STORED);
        LoadedModel onLoad = ModelLoader.load(TestModels.writeGguf(spec.withMatrixType(DType.valueOf(stored)),
                dir.resolve(stored)), WeightQuantization.of("fp8", "--quantization"));
        List<WeightMatrix> expected = matrices(q8);
        List<WeightMatrix> actual = matrices(onLoad);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).type()).as(actual.get(i).name()).isEqualTo(DType.Q8_0);
            if (stored.equals("F32")) {
                // from the same floats, the same blocks; F16 storage rounds the floats first
                assertThat(bytes(actual.get(i).data())).as(actual.get(i).name()).isEqualTo(bytes(expected.get(i).data()));
            }
        }
    }

    @Test
    void fp16AndNothingKeepTheWeightsAsStored() {
        Path gguf = TestModels.writeGguf(TestModels.QWEN2.withMatrixType(DType.F16), dir);
        for (String value : new String[] {"fp16", null}) {
            LoadedModel model = ModelLoader.load(gguf, WeightQuantization.of(value, "spec.model.quantization"));
            assertThat(matrices(model)).allSatisfy(m -> assertThat(m.type()).isEqualTo(DType.F16));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"awq", "gptq", "bitsandbytes"})
    void gpuSchemesAreRefusedNamingTheField(String scheme) {
        assertThatThrownBy(() -> WeightQuantization.of(scheme, "spec.model.quantization"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.model.quantization: '" + scheme + "' is not supported by the embedded engine")
                .hasMessageContaining("fp8");
    }

    private static List<WeightMatrix> matrices(LoadedModel model) {
        List<WeightMatrix> out = new ArrayList<>();
        out.add(model.weights().embedding());
        for (LayerWeights l : model.weights().layers()) {
            out.addAll(List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down()));
        }
        out.add(model.weights().output());
        return out;
    }

    private static byte[] bytes(MemorySegment segment) {
        return segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
