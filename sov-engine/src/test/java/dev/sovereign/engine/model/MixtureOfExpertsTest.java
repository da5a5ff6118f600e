package dev.sovereign.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.testmodel.MoeTestModelSpec;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.testmodel.WriteReferenceModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The mixture-of-experts forward pass: both weight layouts, batching by expert, and which experts are read. */
class MixtureOfExpertsTest {

    /** An expert's matrix: a slice of a stacked GGUF tensor, {@code blk.0.ffn_up_exps.weight[3]}. */
    private static final Pattern EXPERT_MATRIX = Pattern.compile("blk\\.\\d+\\.ffn_(gate|up|down)_exps\\.weight\\[\\d+]");

    @TempDir
    static Path dir;

    static Stream<MoeTestModelSpec> models() {
        return MoeTestModels.ALL.stream();
    }

    /**
     * GGUF stacks the experts in 3-D tensors that the engine slices in place; safetensors holds one tensor per expert
     * under the family's HF names (and Qwen3-MoE's GGUF says {@code expert_weights_norm = false}). The same F32
     * weights in both layouts give the same logits, bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void stackedGgufAndPerExpertSafetensorsGiveTheSameLogits(MoeTestModelSpec spec) {
        LoadedModel gguf = ModelLoader.load(MoeTestModels.writeGguf(spec.withMatrixType(DType.F32), dir));
        LoadedModel hf = ModelLoader.load(MoeTestModels.writeHf(spec, dir, DType.F32));
        assertThat(gguf.config().experts()).isEqualTo(hf.config().experts())
                .isEqualTo(new ExpertRouting(spec.experts(), spec.expertsUsed(), spec.dense().ffnDim(),
                        spec.normalizeTopK()));
        int[] prompt = WriteReferenceModels.PROMPT;
        try (VectorKernels kernels = new VectorKernels(2)) {
            float[] fromGguf = gguf.transformer(kernels).forward(prompt, 0, prompt.length, 0,
                    gguf.transformer(kernels).newCache(prompt.length));
            Transformer t = hf.transformer(kernels);
            float[] fromHf = t.forward(prompt, 0, prompt.length, 0, t.newCache(prompt.length));
            assertThat(fromHf).containsExactly(fromGguf);
        }
    }

    /**
     * A safetensors folder quantized to Q8_0 as it loads gives the logits of the Q8_0 GGUF of the same weights: each
     * expert is quantized alone, and the router stays F32 in both.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onLoadQ8_0EqualsTheQ8_0Gguf(MoeTestModelSpec spec) {
        LoadedModel gguf = ModelLoader.load(MoeTestModels.writeGguf(spec, dir));
        LoadedModel hf = ModelLoader.load(MoeTestModels.writeHf(spec, dir.resolve("q8"), DType.F32), true);
        assertThat(hf.weights().layers()[0].experts().router().type()).isEqualTo(DType.F32);
        assertThat(hf.weights().layers()[0].experts().down()[1].type()).isEqualTo(DType.Q8_0);
        int[] prompt = WriteReferenceModels.PROMPT;
        try (VectorKernels kernels = new VectorKernels(2)) {
            Transformer g = gguf.transformer(kernels);
            Transformer h = hf.transformer(kernels);
            assertThat(h.forward(prompt, 0, prompt.length, 0, h.newCache(prompt.length)))
                    .containsExactly(g.forward(prompt, 0, prompt.length, 0, g.newCache(prompt.length)));
        }
    }

    /**
     * Three sequences in one forward pass (a prompt and two decodes, so experts see groups of several rows) get the
     * logits each gets alone: grouping rows by expert does not mix them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aBatchGivesEverySequenceTheLogitsItGetsAlone(MoeTestModelSpec spec) {
        LoadedModel model = ModelLoader.load(MoeTestModels.writeGguf(spec, dir));
        int[] a = {72, 101, 300, 415, 270, 33, 490, 312, 5, 77};
        int[] b = {150, 260, 199};
        int[] c = {42, 350, 401, 11};
        try (VectorKernels kernels = new VectorKernels(2)) {
            Transformer t = model.transformer(kernels);
            KvCache cb = t.newCache(8);
            KvCache cc = t.newCache(8);
            t.forward(b, 0, 2, 0, cb);
            t.forward(c, 0, 3, 0, cc);
            float[][] batched = t.forward(List.of(new Transformer.Slice(a, 0, a.length, 0, t.newCache(16), true),
                    new Transformer.Slice(b, 2, 1, 2, cb, true), new Transformer.Slice(c, 3, 1, 3, cc, true)));
            assertThat(batched[0]).containsExactly(t.forward(a, 0, a.length, 0, t.newCache(16)));
            KvCache aloneB = t.newCache(8);
            KvCache aloneC = t.newCache(8);
            t.forward(b, 0, 2, 0, aloneB);
            t.forward(c, 0, 3, 0, aloneC);
            assertThat(batched[1]).containsExactly(t.forward(b, 2, 1, 2, aloneB));
            assertThat(batched[2]).containsExactly(t.forward(c, 3, 1, 3, aloneC));
        }
    }

    /**
     * A decode step multiplies, per layer, the router and exactly the {@code k} chosen experts' three matrices; a
     * prompt multiplies each chosen expert's matrices once for all the rows that chose it, and never an expert no row
     * chose.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void expertsAreReadOnlyWhenChosenAndOncePerStep(MoeTestModelSpec spec) {
        LoadedModel model = ModelLoader.load(MoeTestModels.writeGguf(spec, dir));
        int[] prompt = WriteReferenceModels.PROMPT;
        List<MatrixRecordingKernels.Call> calls = new ArrayList<>();
        try (Kernels kernels = MatrixRecordingKernels.around(new VectorKernels(2), calls)) {
            Transformer t = model.transformer(kernels);
            KvCache cache = t.newCache(prompt.length + 1);
            t.forward(prompt, 0, prompt.length, 0, cache);
            Map<String, Integer> prefill = expertCalls(calls, prompt.length);
            int rows = prefill.values().stream().mapToInt(Integer::intValue).sum();
            // every row's k experts, three matrices each, in every layer, counted through the batch sizes
            assertThat(rows).isEqualTo(prompt.length * spec.expertsUsed() * 3 * spec.dense().layers());
            assertThat(prefill.size()).as("distinct expert matrices read by the prompt")
                    .isLessThanOrEqualTo(spec.experts() * 3 * spec.dense().layers());
            calls.clear();
            t.forward(new int[] {5}, 0, 1, prompt.length, cache);
            Map<String, Integer> decode = expertCalls(calls, 1);
            assertThat(decode).hasSize(spec.expertsUsed() * 3 * spec.dense().layers()).allSatisfy((m, n) ->
                    assertThat(n).isEqualTo(1));
            assertThat(calls.stream().filter(c -> c.matrix().contains("ffn_gate_inp")).count())
                    .isEqualTo(spec.dense().layers());
        }
    }

    /** Rows multiplied per expert matrix; fails if a matrix is multiplied twice in one step. */
    private static Map<String, Integer> expertCalls(List<MatrixRecordingKernels.Call> calls, int rowsInStep) {
        Map<String, Integer> rows = new HashMap<>();
        for (MatrixRecordingKernels.Call call : calls) {
            Matcher m = EXPERT_MATRIX.matcher(call.matrix());
            if (m.find()) {
                assertThat(rows.put(call.matrix(), call.batch())).as("%s read twice in one step", call.matrix())
                        .isNull();
                assertThat(call.batch()).isBetween(1, rowsInStep);
            }
        }
        return rows;
    }

    @Test
    void qwen3MoeConfigsThatKeepDenseLayersAreRefusedNamingTheField() throws IOException {
        Path folder = MoeTestModels.writeHf(MoeTestModels.QWEN3_MOE, dir.resolve("sparse-step"), DType.F32);
        editConfig(folder, c -> c.put("decoder_sparse_step", 2));
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("decoder_sparse_step 2");
        editConfig(folder, c -> {
            c.put("decoder_sparse_step", 1);
            c.putArray("mlp_only_layers").add(0);
        });
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("mlp_only_layers [0]");
    }

    @Test
    void aMissingExpertFieldIsNamed() throws IOException {
        Path folder = MoeTestModels.writeHf(MoeTestModels.MIXTRAL, dir.resolve("no-experts"), DType.F32);
        editConfig(folder, c -> c.remove("num_local_experts"));
        assertThatThrownBy(() -> ModelLoader.load(folder)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("num_local_experts");
    }

    private static void editConfig(Path folder, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path file = folder.resolve("config.json");
        ObjectNode config = (ObjectNode) json.readTree(file.toFile());
        edit.accept(config);
        Files.writeString(file, config.toPrettyString());
    }
}
