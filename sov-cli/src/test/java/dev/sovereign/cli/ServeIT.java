package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sov serve} as a newcomer runs it: no arguments but a free port, a data folder that
 * has never been used; the printed curl line, pasted into a shell, gets sov-tiny's answer within
 * 60 s of the start. Then {@code sov status}, and a SIGTERM while a stream runs: the stream ends
 * normally and the server exits cleanly.
 */
class ServeIT {

    private static final Path ROOT = Path.of(System.getProperty("sov.root"));

    @TempDir
    Path dir;

    @Test
    void aFreshServeAnswersThePrintedCurlLineThenStopsGracefully() throws Exception {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("sov").toString(), "serve", "--port", "0").directory(dir.toFile());
        pb.environment().put("SOV_DATA_DIR", dir.resolve("data").toString());
        pb.redirectError(dir.resolve("serve.err").toFile());
        Process serve = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            ServeBanner banner = ServeBanner.read(out, this::stderr);
            String url = banner.url();
            String key = banner.key();
            String curl = banner.curl();
            assertThat(url).as(String.join("\n", banner.lines())).startsWith("http://127.0.0.1:").endsWith("/v1");
            assertThat(key).startsWith("sk-sov-");
            assertThat(Files.readString(dir.resolve("data/serve-api-key")).trim()).isEqualTo(key);

            Process pasted = new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
            String answer = new String(pasted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(pasted.waitFor()).isZero();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(answer).contains("\"model\":\"sov-tiny\"").contains("42");
            assertThat(seconds).as("from ./sov serve to sov-tiny's answer").isLessThan(60);

            CliRun status = CliRun.of(dir, "status", "--url", url.replace("/v1", ""));
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("sov-tiny").contains("embedded").contains("1/1");

            BufferedReader stream = openStream(url, key, 600);
            String first = stream.readLine();
            assertThat(first).as("the stream has begun").startsWith("data: ");
            serve.destroy(); // SIGTERM while the stream runs
            CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> readAll(stream));
            String events = rest.get(60, TimeUnit.SECONDS);
            assertThat(events).as("the stream in flight finished").contains("\"finish_reason\":\"length\"").endsWith("[DONE]");
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(stderr()).isIn(0, 143);
        } finally {
            serve.destroyForcibly();
        }
    }

    /** Starts a stream of {@code tokens} tokens whatever the model says, and returns its SSE lines once they flow. */
    private static BufferedReader openStream(String url, String key, int tokens) throws IOException, InterruptedException {
        String body = """
                {"model":"sov-tiny","stream":true,"max_tokens":%d,"ignore_eos":true,
                 "messages":[{"role":"user","content":"Tell me about Sovereign."}]}""".formatted(tokens);
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    private static String readAll(BufferedReader reader) {
        StringBuilder out = new StringBuilder();
        try (reader) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the stream broke after " + out.length() + " characters: " + e.getMessage(), e);
        }
        return out.toString().strip();
    }

    private String stderr() {
        return ServeBanner.captured(dir.resolve("serve.err"));
    }

    /** One finished {@code ./sov} command. */
    record CliRun(int exit, String out, String err) {

        static CliRun of(Path dir, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(ROOT.resolve("sov").toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("SOV_DATA_DIR", dir.resolve("data").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CliRun(p.waitFor(), out, err);
        }
    }
}
