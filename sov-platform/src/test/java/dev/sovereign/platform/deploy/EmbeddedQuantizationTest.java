package dev.sovereign.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.engine.format.DType;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.platform.memory.KvCacheBudget;
import dev.sovereign.platform.replica.EmbeddedSource;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.model.quantization} under {@code sov serve}'s embedded engine: fp8 loads the model's float matrices as
 * Q8_0, fp16 keeps them as stored, and a GPU-only scheme is refused naming the field before any weights are fetched.
 */
class EmbeddedQuantizationTest {

    private static final Path SOV_TINY = Path.of(System.getProperty("sov.root", "..")).resolve("models/sov-tiny")
            .toAbsolutePath().normalize();

    @TempDir
    Path root;

    private final AtomicInteger fetches = new AtomicInteger();

    private SourceFactory factory() {
        WeightSource local = new WeightSource() {
            @Override
            public Path ensure(String repository, String revision, Path baseDir) {
                fetches.incrementAndGet();
                return SOV_TINY;
            }

            @Override
            public boolean present(String repository, String revision, Path baseDir) {
                return true;
            }
        };
        return new SourceFactory(local, root.resolve("logs"), new UpstreamClient(), 1, new KvCacheBudget(64L << 20, "a test share"));
    }

    private InferenceService service(String quantization) throws Exception {
        Path file = root.resolve("tiny-" + quantization + ".yaml");
        Files.writeString(file, """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: tiny}
                spec:
                  model: {repository: org/tiny, quantization: %s}
                """.formatted(quantization));
        var loaded = InferenceServiceFiles.load(file).getFirst();
        assertThat(loaded.problems()).isEmpty();
        return loaded.value();
    }

    @Test
    void fp8LoadsTheFloatMatricesAsQ8AndFp16KeepsThemAsStored() throws Exception {
        EmbeddedSource q8 = (EmbeddedSource) factory().sourceFor(service("fp8"), root);
        assertThat(q8.model().weights().layers()[0].wq().type()).isEqualTo(DType.Q8_0);
        assertThat(q8.model().weights().layers()[0].down().type()).isEqualTo(DType.Q8_0);
        EmbeddedSource asStored = (EmbeddedSource) factory().sourceFor(service("fp16"), root);
        assertThat(asStored.model().weights().layers()[0].wq().type()).isNotEqualTo(DType.Q8_0);
    }

    @Test
    void aGpuOnlySchemeIsRefusedNamingTheFieldBeforeAnyFetch() throws Exception {
        InferenceService awq = service("awq");
        assertThatThrownBy(() -> factory().sourceFor(awq, root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.model.quantization: 'awq' is not supported by the embedded engine");
        assertThat(fetches).hasValue(0);
    }
}
