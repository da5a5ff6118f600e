package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models folder drives what is served while a stream runs: a model file is added, changed,
 * broken and deleted, and the stream started before all that still completes.
 */
class ReconcileLoopTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @Test
    void routesFollowTheFilesWhileAStreamRuns(@TempDir Path root) throws Exception {
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("a.yaml", ServedPlatform.tinyModel("tiny-a", "maxNumSeqs: 8", "")))) {
            assertThat(served.modelIds()).containsExactly("tiny-a");
            String firstReplica = served.model("tiny-a").endpoints().getFirst();

            CompletableFuture<ServedPlatform.StreamResult> stream = CompletableFuture.supplyAsync(() -> {
                try {
                    return served.stream("tiny-a", 1500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ServedPlatform.await("the stream to start", SOON, () -> busy(served, firstReplica));

            // add
            served.write("b.yaml", ServedPlatform.tinyModel("tiny-b", "maxNumSeqs: 4", ""));
            ServedPlatform.await("tiny-b in /v1/models", SOON, () -> ids(served).contains("tiny-b"));
            assertThat(served.chat("tiny-b", "What is 12 + 30?", 16).body()).contains("42");

            // change: a rolling replacement; the old replica keeps the stream until it ends
            served.write("a.yaml", ServedPlatform.tinyModel("tiny-a", "maxNumSeqs: 6", ""));
            ServedPlatform.await("tiny-a replaced", SOON, () -> !served.model("tiny-a").endpoints().contains(firstReplica)
                    && served.model("tiny-a").readyReplicas() == 1);
            assertThat(served.chat("tiny-a", "What is 12 + 30?", 16).body()).contains("42");

            // break: reported, and the last good version keeps serving
            served.write("b.yaml", ServedPlatform.tinyModel("tiny-b", "maxNumSeqs: 0", ""));
            ServedPlatform.await("the broken file reported", SOON, () -> !served.platform.status().problems().isEmpty());
            assertThat(served.platform.status().problems().getFirst().problem())
                    .contains("b.yaml").contains("spec.model.maxNumSeqs");
            assertThat(served.get("/sov/status").body()).contains("spec.model.maxNumSeqs");
            assertThat(served.chat("tiny-b", "What is 12 + 30?", 16).statusCode()).isEqualTo(200);

            // delete
            served.delete("b.yaml");
            ServedPlatform.await("tiny-b gone", SOON, () -> !ids(served).contains("tiny-b"));
            assertThat(served.platform.status().problems()).isEmpty();
            assertThat(served.chat("tiny-b", "hello", 4).statusCode()).isEqualTo(404);

            ServedPlatform.StreamResult result = stream.get();
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.done()).as("the stream ends with [DONE]").isTrue();
            assertThat(result.finishReason()).isEqualTo("length");
            assertThat(result.completionTokens()).isEqualTo(1500);
            assertThat(served.modelIds()).containsExactly("tiny-a");
        }
    }

    private static boolean busy(ServedPlatform served, String replica) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(replica + "/metrics"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body().lines()
                    .anyMatch(l -> l.startsWith("vllm:num_requests_running") && !l.endsWith(" 0") && !l.endsWith(" 0.0"));
        } catch (Exception e) {
            return false;
        }
    }

    private static java.util.List<String> ids(ServedPlatform served) {
        try {
            return served.modelIds();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
