package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.engine.cuda.Cuda;
import dev.sovereign.engine.cuda.CudaProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.engine.device} reaches the embedded replicas and the status shows where each runs: on a machine without
 * a GPU, {@code auto} serves on the CPU and {@code cuda} fails with the engine's one-line reason as the model's error.
 */
class EngineDeviceTest {

    private static final Duration SOON = Duration.ofSeconds(60);

    @Test
    void theStatusShowsEachReplicasDeviceAndCudaWithoutAGpuIsTheModelsError(@TempDir Path root) throws Exception {
        CudaProbe probe = Cuda.probe();
        probe.device().ifPresent(d -> d.close());
        assumeThat(probe.available()).as("this machine has a GPU: " + probe.reason()).isFalse();
        String auto = ServedPlatform.tinyModel("tiny-auto", "maxNumSeqs: 4", "")
                .replace("kind: embedded", "kind: embedded\n    device: auto");
        String cuda = ServedPlatform.tinyModel("tiny-cuda", "maxNumSeqs: 4", "")
                .replace("kind: embedded", "kind: embedded\n    device: cuda");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("auto.yaml", auto, "cuda.yaml", cuda))) {
            ServedPlatform.await("tiny-auto serving", SOON, () -> served.model("tiny-auto") != null
                    && served.model("tiny-auto").readyReplicas() == 1);
            assertThat(served.model("tiny-auto").devices()).singleElement().asString().startsWith("cpu (");
            assertThat(served.chat("tiny-auto", "What is 12 + 30?", 16).body()).contains("42");

            ServedPlatform.await("tiny-cuda failed", SOON, () -> served.model("tiny-cuda") != null
                    && served.model("tiny-cuda").lastError() != null);
            assertThat(served.model("tiny-cuda").lastError()).contains("--device cuda: ");
            assertThat(served.model("tiny-cuda").devices()).isEmpty();

            JsonNode page = ServedPlatform.parse(served.get("/sov/status").body());
            JsonNode entry = java.util.stream.StreamSupport.stream(page.path("models").spliterator(), false)
                    .filter(m -> m.path("name").asText().equals("tiny-auto")).findFirst().orElseThrow();
            assertThat(entry.path("devices").get(0).asText()).startsWith("cpu (");
        }
    }
}
