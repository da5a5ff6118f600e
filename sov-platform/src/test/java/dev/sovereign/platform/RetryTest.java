package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that failed to start is tried again without anyone touching its file: at once when the
 * {@code file:} folder it waited for appears, and in any case when its backoff is over, which status shows.
 */
class RetryTest {

    private static final Duration SOON = Duration.ofSeconds(60);

    @Test
    void aModelWhoseFolderAppearsLaterStartsWithoutTouchingItsFile(@TempDir Path root) throws Exception {
        Path weights = root.resolve("weights").resolve("late");
        String declaration = ServedPlatform.model("late", "file:" + weights, "maxNumSeqs: 4", "");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("late.yaml", declaration))) {
            awaitFirstFailure(served, "late");
            PlatformStatus.Model failed = served.model("late");
            assertThat(failed.readyReplicas()).isZero();
            assertThat(failed.lastError()).contains("no such folder " + weights);
            assertThat(failed.nextRetry()).as("status says when it is tried again").isNotNull();
            assertThat(served.get("/sov/status").body()).contains("\"next_retry\":\"" + failed.nextRetry());
            Instant backoffOver = Instant.parse(failed.nextRetry());
            assertThat(backoffOver).isAfter(Instant.now());
            Path file = served.models.resolve("late.yaml");
            long modified = Files.getLastModifiedTime(file).toMillis();

            Files.createDirectories(weights.getParent());
            Files.createSymbolicLink(weights, ServedPlatform.SOV_TINY);

            ServedPlatform.await("late serving", SOON, () -> served.model("late").readyReplicas() == 1);
            assertThat(Instant.now()).as("started because the folder appeared, before its backoff was over").isBefore(backoffOver);
            assertThat(served.model("late").lastError()).isNull();
            assertThat(served.model("late").nextRetry()).isNull();
            assertThat(served.chat("late", "What is 12 + 30?", 16).body()).contains("42");
            assertThat(Files.readString(file)).isEqualTo(declaration);
            assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        }
    }

    @Test
    void withoutWhatItWaitsForAModelIsRetriedWhenItsBackoffIsOverAndBacksOffFurther(@TempDir Path root) throws Exception {
        Path weights = root.resolve("never");
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("never.yaml",
                ServedPlatform.model("never", "file:" + weights, "", "")))) {
            awaitFirstFailure(served, "never");
            Instant first = Instant.parse(served.model("never").nextRetry());
            ServedPlatform.await("a second failed try", SOON, () -> served.model("never").nextRetry() != null
                    && Instant.parse(served.model("never").nextRetry()).isAfter(first));
            Instant second = Instant.parse(served.model("never").nextRetry());
            assertThat(Duration.between(first, second)).as("the second wait is longer than the first")
                    .isGreaterThan(Duration.ofSeconds(15));
            assertThat(served.model("never").lastError()).contains("no such folder");
        }
    }

    /** Models roll out on workers of their own: the first try may still be running when the platform is up. */
    private static void awaitFirstFailure(ServedPlatform served, String name) throws Exception {
        ServedPlatform.await(name + "'s first try failed", SOON, () -> served.model(name) != null
                && served.model(name).nextRetry() != null);
    }

    @Test
    void aDeletedFileForgetsItsRetry(@TempDir Path root) throws Exception {
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("gone.yaml",
                ServedPlatform.model("gone", "file:" + root.resolve("nothing"), "", "")))) {
            awaitFirstFailure(served, "gone");
            served.delete("gone.yaml");
            ServedPlatform.await("gone forgotten", SOON, () -> served.model("gone") == null);
            assertThat(served.platform.status().models()).isEmpty();
        }
    }
}
