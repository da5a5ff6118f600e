package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sov serve} in a 1 GB heap ({@code SOV_JAVA_OPTS=-Xmx1g}) with sov-tiny at maxNumSeqs 64, whose KV cache
 * for 64 full-context sequences (512 MiB) would not fit in its 40% share: it serves with fewer full-context sequences at once,
 * says so in its log and in {@code sov status}; then Ctrl-C, sent as a terminal sends it (SIGINT to the whole
 * process group, the launcher's stderr filter included), still shows the drain and stop lines.
 */
class SmallHeapServeIT {

    private static final Path ROOT = Path.of(System.getProperty("sov.root"));
    private static final Pattern CONCURRENCY = Pattern.compile(
            "model sov-tiny: replica 0 KV cache (\\d+) MiB, maximum concurrency for 2048 tokens per request: (\\d+) of maxNumSeqs 64");

    @TempDir
    Path dir;

    @Test
    void servesWithReducedConcurrencyShownInStatusThenCtrlCShowsTheStopLines() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.writeString(models.resolve("sov-tiny.yaml"), """
                apiVersion: sovereign.dev/v1alpha1
                kind: InferenceService
                metadata: {name: sov-tiny}
                spec:
                  model: {repository: "file:%s", contextWindow: 2048, maxNumSeqs: 64}
                  engine: {kind: embedded}
                """.formatted(ROOT.resolve("models/sov-tiny")));
        Path config = Files.writeString(dir.resolve("sov.yaml"), "router: {enabled: false}\n");
        // setsid: the launcher leads a process group of its own, as a shell's foreground job does
        ProcessBuilder pb = new ProcessBuilder("setsid", ROOT.resolve("sov").toString(), "serve", "--port", "0",
                "--models", models.toString(), "--config", config.toString(), "--drain-seconds", "5").directory(dir.toFile());
        pb.environment().put("SOV_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("SOV_JAVA_OPTS", "-Xmx1g");
        pb.environment().remove("SOV_LOG_FORMAT");
        pb.redirectError(dir.resolve("serve.err").toFile());
        Process serve = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            ServeBanner banner = ServeBanner.read(out, this::stderr);
            String url = banner.url();
            String key = banner.key();
            assertThat(url).as("the banner; stderr: %s", stderr()).isNotNull();

            Matcher logged = CONCURRENCY.matcher(stderr());
            assertThat(logged.find()).as("the KV cache and concurrency are logged: %s", stderr()).isTrue();
            int concurrency = Integer.parseInt(logged.group(2));
            assertThat(concurrency).as("fewer than 64 full-context sequences fit in 40%% of 1 GB").isBetween(1, 63);
            assertThat(Long.parseLong(logged.group(1))).isLessThanOrEqualTo(1024 * 40 / 100);
            assertThat(stderr()).as("text lines: time, level, component, message")
                    .containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d INFO  EmbeddedSource: model sov-tiny")
                    .doesNotContain("Helidon SE").doesNotContain("0 backends");

            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/chat/completions"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"model":"sov-tiny","temperature":0,"max_tokens":16,
                             "messages":[{"role":"user","content":"What is 12 + 30?"}]}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("42");

            ServeIT.CliRun status = ServeIT.CliRun.of(dir, "status", "--url", url.replace("/v1", ""), "--api-key", key);
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("CONCURRENCY").containsPattern("sov-tiny .* 1/1 +" + concurrency + " ");
            ServeIT.CliRun json = ServeIT.CliRun.of(dir, "status", "--url", url.replace("/v1", ""), "--api-key", key, "--json");
            assertThat(json.out()).contains("\"max_concurrency\":" + concurrency);

            Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + serve.pid()).start();
            assertThat(ctrlC.waitFor()).isZero();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped after Ctrl-C").isTrue();
            awaitStderr("stopped");
            assertThat(stderr()).contains("shutting down: no new requests; streams in flight may finish")
                    .containsPattern("(?m)INFO  LocalPlatform: stopped$");
        } finally {
            serve.destroyForcibly();
        }
    }

    /** The filter writes the last lines after the JVM exits: give it a moment. */
    private void awaitStderr(String text) throws InterruptedException {
        for (int i = 0; i < 100 && !stderr().contains(text); i++) {
            Thread.sleep(50);
        }
    }

    private String stderr() {
        return ServeBanner.captured(dir.resolve("serve.err"));
    }
}
