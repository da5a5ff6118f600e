package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code process} model whose server never becomes healthy starts on its own worker: status
 * answers at once, another model is hot-added meanwhile, and deleting its file stops it.
 */
class NeverReadyModelTest {

    private static final Duration STATUS_LIMIT = Duration.ofSeconds(1);
    private static final Duration HOT_ADD_LIMIT = Duration.ofSeconds(5);

    @Test
    void aNeverReadyModelDelaysNeitherStatusNorAnotherModel(@TempDir Path root) throws Exception {
        String hanging = ServedPlatform.tinyModel("hanging", "", "").replace("kind: embedded",
                "kind: process\n    command: [sleep, \"1000\"]");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of())) {
            // one request before: the limit is about the hanging model, not the first request's class loading
            // (1.4 s of it at a load average of 12 on 2 cores)
            served.get("/sov/status");
            served.write("hanging.yaml", hanging);
            ServedPlatform.await("the never-ready server started", Duration.ofSeconds(30), () -> sleeper().isPresent());

            long start = System.nanoTime();
            PlatformStatus status = served.platform.status();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STATUS_LIMIT);
            assertThat(status.models()).extracting(PlatformStatus.Model::name).contains("hanging");
            start = System.nanoTime();
            String page = served.get("/sov/status").body();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STATUS_LIMIT);
            com.fasterxml.jackson.databind.JsonNode entry = java.util.stream.StreamSupport.stream(
                    ServedPlatform.parse(page).path("models").spliterator(), false)
                    .filter(m -> m.path("name").asText().equals("hanging")).findFirst().orElseThrow();
            assertThat(entry.path("starting_for_seconds").isNumber()).as(page).isTrue();

            served.write("other.yaml", ServedPlatform.tinyModel("other", "maxNumSeqs: 4", ""));
            long added = System.nanoTime();
            ServedPlatform.await("the other model serving", Duration.ofSeconds(60), () -> served.model("other") != null
                    && served.model("other").readyReplicas() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - added)).as("hot-add beside a never-ready model")
                    .isLessThan(HOT_ADD_LIMIT);
            assertThat(served.chat("other", "What is 12 + 30?", 16).body()).contains("42");

            ProcessHandle sleeping = sleeper().orElseThrow();
            served.delete("hanging.yaml");
            ServedPlatform.await("the never-ready server stopped with its file", Duration.ofSeconds(30), () -> !sleeping.isAlive());
            ServedPlatform.await("hanging gone from status", Duration.ofSeconds(10), () -> served.model("hanging") == null);
            assertThat(served.model("other").readyReplicas()).isEqualTo(1);
        }
    }

    private static Optional<ProcessHandle> sleeper() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().command().orElse("").endsWith("sleep")
                        && List.of(p.info().arguments().orElse(new String[0])).contains("1000"))
                .findFirst();
    }
}
