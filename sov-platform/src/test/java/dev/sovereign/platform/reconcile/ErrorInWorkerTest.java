package dev.sovereign.platform.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.platform.deploy.Fleet;
import dev.sovereign.platform.deploy.SourceFactory;
import dev.sovereign.platform.deploy.WeightSource;
import dev.sovereign.platform.memory.KvCacheBudget;
import dev.sovereign.spec.config.PlatformConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code OutOfMemoryError} on a model's rollout worker is reported as that model's last error with its next try,
 * the rollout is no longer listed as starting, and the other models are untouched. The Error comes from where the
 * worker fetches weights: a real heap cannot be made to run out at one chosen allocation on a loaded test machine.
 */
class ErrorInWorkerTest {

    @Test
    void anOutOfMemoryErrorInARolloutIsTheModelsLastErrorAndItIsTriedAgain(@TempDir Path root) throws Exception {
        Path models = Files.createDirectories(root.resolve("models"));
        Files.writeString(models.resolve("big.yaml"), """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: big}
                spec:
                  model: {repository: org/big}
                  engine: {kind: embedded}
                """);
        AtomicInteger tries = new AtomicInteger();
        WeightSource exhausted = new WeightSource() {
            @Override
            public Path ensure(String repository, String revision, Path baseDir) {
                tries.incrementAndGet();
                throw new OutOfMemoryError("Java heap space");
            }

            @Override
            public boolean present(String repository, String revision, Path baseDir) {
                return true;
            }
        };
        Fleet fleet = new Fleet(new LiveRoutes(PlatformSettings.bind(PlatformConfigFiles.defaults(root), List.of(),
                new PlatformSettings.Overrides(List.of(), 0), name -> name.equals("SOV_DATA_DIR") ? root.toString() : null), true));
        Reconciler reconciler = new Reconciler(models, new SourceFactory(exhausted, root.resolve("logs"), new UpstreamClient(), 1,
                new KvCacheBudget(64L << 20, "a test share")), fleet, new Reconciler.Settings(1, Duration.ofSeconds(1),
                Duration.ofSeconds(30)));

        reconciler.reconcile();

        assertThat(reconciler.awaitRollouts(Duration.ofSeconds(30))).as("the worker ended its rollout").isTrue();
        assertThat(reconciler.starting()).isEmpty();
        assertThat(reconciler.modelErrors()).containsEntry("big", "java.lang.OutOfMemoryError: Java heap space");
        assertThat(reconciler.nextRetries()).containsKey("big");
        assertThat(fleet.get("big")).isNull();
        assertThat(tries).hasValue(1);
    }
}
