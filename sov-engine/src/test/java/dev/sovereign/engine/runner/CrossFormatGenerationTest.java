package dev.sovereign.engine.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.sampling.SamplingOptions;
import dev.sovereign.engine.testmodel.TestModelSpec;
import dev.sovereign.engine.testmodel.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same weights as a GGUF (q/k permuted for Llama, adjacent rotary pairs) and as a safetensors folder (HF layout,
 * half-split pairs) generate the same tokens; on-load Q8_0 quantization of the folder stays close too; and text
 * generation ({@code sov generate}) streams the same text the tokenizer decodes.
 */
class CrossFormatGenerationTest {

    @TempDir
    static Path dir;

    static java.util.List<TestModelSpec> models() {
        return java.util.List.of(TestModels.LLAMA3.withMatrixType(DType.F32), TestModels.QWEN2.withMatrixType(
                DType.F32), TestModels.QWEN3.withMatrixType(DType.F32), TestModels.MISTRAL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void ggufAndSafetensorsAgree(TestModelSpec spec) {
        int[] prompt = {72, 101, 300, 415, 270, 33};
        int[] fromGguf = greedy(ModelLoader.load(TestModels.writeGguf(spec, dir)), prompt);
        int[] fromHf = greedy(ModelLoader.load(TestModels.writeHf(spec, dir, DType.F32)), prompt);
        assertThat(fromHf).isEqualTo(fromGguf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onLoadQ8QuantizationMatchesAQ8Gguf(TestModelSpec spec) {
        // our quantizer writes the generator's Q8_0 GGUFs too, so the weights are bit-identical
        int[] prompt = {72, 101, 300, 415, 270, 33};
        TestModelSpec q8 = spec.withMatrixType(DType.Q8_0);
        int[] fromGguf = greedy(ModelLoader.load(TestModels.writeGguf(q8, dir)), prompt);
        int[] fromHf = greedy(ModelLoader.load(TestModels.writeHf(q8, dir, DType.F32), true), prompt);
        assertThat(fromHf).isEqualTo(fromGguf);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void textGenerationStreamsWhatTheTokenizerDecodes(TestModelSpec spec) {
        LoadedModel model = ModelLoader.load(TestModels.writeHf(spec, dir.resolve("text"), DType.BF16));
        StringBuilder streamed = new StringBuilder();
        int count = TextGeneration.generate(model, "Hello world", false, SamplingOptions.greedy(24).ignoringEos(), 2,
                streamed::append);
        assertThat(count).isEqualTo(24);
        int[] ids = model.tokenizer().encode("Hello world", true, true);
        int[] generated = greedy(model, ids);
        assertThat(streamed.toString()).isEqualTo(model.tokenizer().decode(java.util.Arrays.copyOf(generated, 24)));
        StringBuilder chat = new StringBuilder();
        TextGeneration.generate(model, "Hi", true, SamplingOptions.plain(0.8, 42, 8).ignoringEos(), 2, chat::append);
        StringBuilder again = new StringBuilder();
        TextGeneration.generate(model, "Hi", true, SamplingOptions.plain(0.8, 42, 8).ignoringEos(), 2, again::append);
        assertThat(again.toString()).as("same seed, same sample").isEqualTo(chat.toString());
    }

    private static int[] greedy(LoadedModel model, int[] prompt) {
        try (ServingEngine engine = new ServingEngine(model, EngineSettings.oneSequence(model.config(),
                prompt.length + 32, 2))) {
            return engine.generate(prompt, SamplingOptions.greedy(32).ignoringEos()).join().tokens();
        }
    }
}
