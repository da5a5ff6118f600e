package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.scheduler.BlockManager;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import dev.sovereign.engine.testmodel.DenseArchitectureModels;
import dev.sovereign.engine.testmodel.MoeTestModels;
import dev.sovereign.engine.testmodel.TestModels;
import dev.sovereign.engine.testmodel.WriteReferenceModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GPU runner's logits against HF transformers' (float32, the committed fixtures under reference-logits that
 * HfReferenceLogitsTest holds the CPU engine to): the fixture's prompt one token at a time (decode steps, replayed
 * from CUDA graphs after the first) at every position, then as one prefill at its last position. The reference's 32
 * best logits must be within {@link GpuRunnerAgreementTest#LOGIT_TOLERANCE} and the argmax equal unless the
 * reference's two best are closer than that. The architectures v1 refuses must be refused by name.
 */
@Tag("gpu")
class GpuHfReferenceTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> models() {
        Stream<Arguments> llamaBlocks = WriteReferenceModels.MODELS.stream()
                .map(spec -> Arguments.of(spec.name(), (ModelWriter) d -> TestModels.writeHf(spec, d, DType.F32)));
        var yarn = DenseArchitectureModels.QWEN2_YARN;
        return Stream.concat(llamaBlocks, Stream.of(Arguments.of(yarn.name(),
                (ModelWriter) d -> DenseArchitectureModels.writeHf(yarn, d, DType.F32))));
    }

    interface ModelWriter {
        Path write(Path dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsMatchTransformers(String name, ModelWriter writer) throws IOException {
        var device = GpuTestDevice.require();
        Path folder = writer.write(dir.resolve(name));
        JsonNode reference = fixture(name);
        assertThat(sha256(folder.resolve("model.safetensors"))).as("generated weights are the referenced ones")
                .isEqualTo(reference.get("safetensors_sha256").asText());
        int[] prompt = new int[reference.get("prompt").size()];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = reference.get("prompt").get(i).asInt();
        }
        LoadedModel model = ModelLoader.load(folder);
        float tolerance = GpuRunnerAgreementTest.LOGIT_TOLERANCE;
        try (GpuModelRunner runner = GpuModelRunner.create(model, device,
                new GpuKvSizing(0.9, 16L << 20, 64))) {
            float worst = 0;
            Sequence decoded = sequence(1, new int[] {prompt[0]}, prompt.length, 0);
            for (int pos = 0; pos < prompt.length; pos++) {
                if (pos > 0) {
                    decoded.append(prompt[pos]);
                }
                float[] logits = runner.execute(List.of(new Chunk(decoded, pos, 1))).get(decoded);
                worst = Math.max(worst, difference(name, logits, reference.get("positions").get(pos), pos,
                        tolerance));
            }
            Sequence prefilled = sequence(2, prompt, prompt.length, BlockManager.blocksFor(prompt.length));
            float[] logits = runner.execute(List.of(new Chunk(prefilled, 0, prompt.length))).get(prefilled);
            worst = Math.max(worst, difference(name, logits, reference.get("positions").get(prompt.length - 1),
                    prompt.length - 1, tolerance));
            System.out.printf("%s: largest GPU logit difference to transformers %.4f (tolerance %.2f)%n", name, worst,
                    tolerance);
            assertThat(worst).as(name + ": largest logit difference to transformers").isLessThan(tolerance);
        }
    }

    static Stream<Arguments> refused() {
        var gemma = DenseArchitectureModels.GEMMA3;
        var phi = DenseArchitectureModels.PHI3;
        var swa = DenseArchitectureModels.MISTRAL_SWA;
        var moe = MoeTestModels.ALL.getFirst();
        return Stream.of(
                Arguments.of(gemma.name(), (ModelWriter) d -> DenseArchitectureModels.writeHf(gemma, d, DType.F32)),
                Arguments.of(phi.name(), (ModelWriter) d -> DenseArchitectureModels.writeHf(phi, d, DType.F32)),
                Arguments.of(swa.name(), (ModelWriter) d -> DenseArchitectureModels.writeHf(swa, d, DType.F32)),
                Arguments.of(moe.name(), (ModelWriter) d -> MoeTestModels.writeHf(moe, d, DType.F32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatV1DoesNotRun(String name, ModelWriter writer) {
        var device = GpuTestDevice.require();
        LoadedModel model = ModelLoader.load(writer.write(dir.resolve(name)));
        long free = device.freeMemory();
        assertThatThrownBy(() -> GpuModelRunner.create(model, device, new GpuKvSizing(0.9, 16L << 20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--device cpu");
        assertThat(device.freeMemory()).as("nothing allocated before the refusal").isGreaterThanOrEqualTo(free - (1L << 20));
    }

    /** A sequence of {@code tokens} whose table holds blocks {@code [firstBlock, firstBlock + blocks for capacity)}. */
    private static Sequence sequence(long id, int[] tokens, int capacity, int firstBlock) {
        Sequence s = new Sequence(id, tokens, capacity);
        for (int b = 0; b < BlockManager.blocksFor(capacity); b++) {
            s.blockTable().add(firstBlock + b);
        }
        return s;
    }

    private static float difference(String name, float[] logits, JsonNode expected, int pos, float tolerance) {
        assertThat(logits).as(name + ": logits at position " + pos).isNotNull();
        JsonNode ids = expected.get("ids");
        JsonNode values = expected.get("logits");
        if (values.get(0).asDouble() - values.get(1).asDouble() >= tolerance) {
            assertThat(GpuRunnerAgreementTest.topIndices(logits, 1)[0]).as(name + ": argmax at position " + pos)
                    .isEqualTo(ids.get(0).asInt());
        }
        float worst = 0;
        for (int k = 0; k < ids.size(); k++) {
            worst = Math.max(worst, (float) Math.abs(logits[ids.get(k).asInt()] - values.get(k).asDouble()));
        }
        return worst;
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = GpuHfReferenceTest.class.getResourceAsStream("/reference-logits/" + name + ".json")) {
            assertThat(in).as("reference fixture for " + name).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
