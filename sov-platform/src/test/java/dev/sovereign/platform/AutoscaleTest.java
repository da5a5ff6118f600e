package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas follow the engines' own signals, with the reference ScaledObject's rules. The clock is
 * sped up 20 times (polling every 5 s and a 60 s cooldown become 250 ms and 3 s); the load is real.
 */
class AutoscaleTest {

    private static final double TIME_SCALE = 20;
    private static final String SCALING = """
            scaling:
              minReplicas: %d
              maxReplicas: 2
              pollingIntervalSeconds: 5
              cooldownSeconds: 60
            """;

    @Test
    void loadScalesAModelFromOneToTwoReplicasAndBackAfterTheCooldown(@TempDir Path root) throws Exception {
        try (ServedPlatform served = new ServedPlatform(root, TIME_SCALE,
                Map.of("busy.yaml", ServedPlatform.tinyModel("busy", "maxNumSeqs: 2", SCALING.formatted(1))))) {
            // each model rolls out on a worker of its own (ADR 0090), so the first replica is asked for just after start
            ServedPlatform.await("the first replica asked for", Duration.ofSeconds(10),
                    () -> served.model("busy").desiredReplicas() == 1);

            // Two streams fill both sequence slots: running / maxNumSeqs = 1.0 > 0.7 asks for ceil(1.0 / 0.7) = 2.
            List<CompletableFuture<ServedPlatform.StreamResult>> load = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                load.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return served.stream("busy", 1200);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            ServedPlatform.await("a second replica", Duration.ofSeconds(60), () -> served.model("busy").readyReplicas() == 2);
            long scaledUp = System.nanoTime();
            assertThat(served.model("busy").endpoints()).hasSize(2);
            for (CompletableFuture<ServedPlatform.StreamResult> stream : load) {
                assertThat(stream.get().done()).isTrue();
            }

            ServedPlatform.await("back to one replica", Duration.ofSeconds(60), () -> served.model("busy").desiredReplicas() == 1);
            // Scaling down waits a whole cooldown (3 s here) after the last time two replicas were asked for.
            assertThat((System.nanoTime() - scaledUp) / 1e9).isGreaterThanOrEqualTo(3);
            assertThat(served.chat("busy", "What is 12 + 30?", 16).body()).contains("42");
        }
    }

    @Test
    void aModelAtZeroReplicasWakesOnItsFirstRequest(@TempDir Path root) throws Exception {
        try (ServedPlatform served = new ServedPlatform(root, TIME_SCALE,
                Map.of("sleepy.yaml", ServedPlatform.tinyModel("sleepy", "maxNumSeqs: 2", SCALING.formatted(0))))) {
            assertThat(served.model("sleepy").desiredReplicas()).isZero();
            assertThat(served.modelIds()).contains("sleepy");

            var answer = served.chat("sleepy", "What is 12 + 30?", 16);

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("42");
            assertThat(served.model("sleepy").readyReplicas()).isEqualTo(1);
            // idle again: back to zero after the cooldown
            ServedPlatform.await("back to zero", Duration.ofSeconds(30), () -> served.model("sleepy").desiredReplicas() == 0);
        }
    }
}
