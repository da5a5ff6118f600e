package dev.sovereign.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A real {@code sov serve} platform for a test: a models folder of its own, the bundled sov-tiny
 * weights, a gateway on a free loopback port, and a plain HTTP client speaking to it.
 */
final class ServedPlatform implements AutoCloseable {

    static final String KEY = "sk-test-platform";
    static final Path SOV_TINY = Path.of(System.getProperty("sov.root", "..")).resolve("models/sov-tiny").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path models;
    final LocalPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServedPlatform(Path root, double timeScale, Map<String, String> files) throws IOException {
        this(root, timeScale, files, Map.of());
    }

    /** {@code environment}: variables besides SOV_DATA_DIR (HF_ENDPOINT, HF_HUB_OFFLINE). */
    ServedPlatform(Path root, double timeScale, Map<String, String> files, Map<String, String> environment) throws IOException {
        this.models = Files.createDirectories(root.resolve("models"));
        files.forEach(this::write);
        Path data = Files.createDirectories(root.resolve("data"));
        // The router has its own tests (and a 35 s first start on a clean machine); these test the control plane.
        Path config = Files.writeString(root.resolve("sov.yaml"),
                "apiVersion: sovereign.dev/v1alpha1\nkind: PlatformConfig\nrouter: {enabled: false}\n");
        this.platform = LocalPlatform.start(new ServeOptions(config, models, List.of("test=" + KEY), 0, timeScale,
                Duration.ofSeconds(30)), name -> name.equals("SOV_DATA_DIR") ? data.toString() : environment.get(name));
    }

    /** An InferenceService for sov-tiny under another name; {@code extraSpec} is YAML indented by four spaces. */
    static String tinyModel(String name, String modelFields, String extraSpec) {
        return model(name, "file:" + SOV_TINY, modelFields, extraSpec);
    }

    /** An InferenceService of the embedded engine for weights in {@code repository}. */
    static String model(String name, String repository, String modelFields, String extraSpec) {
        return """
                apiVersion: cloud.ogenki.io/v1alpha1
                kind: InferenceService
                metadata:
                  name: %s
                spec:
                  model:
                    repository: %s
                    contextWindow: 2048
                    toolCallParser: hermes
                %s
                  engine:
                    kind: embedded
                %s""".formatted(name, repository, modelFields.indent(4).stripTrailing(), extraSpec.indent(2).stripTrailing());
    }

    void write(String file, String content) {
        try {
            // Write beside, then move: the control loop must never read half a file here.
            Path temp = Files.createTempFile(models.getParent(), "model", ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, models.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String file) throws IOException {
        Files.delete(models.resolve(file));
    }

    String base() {
        return "http://127.0.0.1:" + platform.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> chat(String model, String content, int maxTokens) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens).put("temperature", 0)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", content)))
                .toString();
        return http.send(post("/v1/chat/completions", body), HttpResponse.BodyHandlers.ofString());
    }

    /** A streamed completion that runs {@code tokens} tokens whatever the model says (ignore_eos). */
    StreamResult stream(String model, int tokens) throws IOException, InterruptedException {
        String body = """
                {"model":"%s","stream":true,"stream_options":{"include_usage":true},"max_tokens":%d,"ignore_eos":true,
                 "messages":[{"role":"user","content":"Tell me about Sovereign."}]}""".formatted(model, tokens);
        HttpResponse<java.io.InputStream> response = http.send(post("/v1/chat/completions", body),
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        }
        return new StreamResult(response.statusCode(), events);
    }

    record StreamResult(int status, List<String> events) {

        boolean done() {
            return !events.isEmpty() && events.getLast().equals("[DONE]");
        }

        String finishReason() {
            return events.stream().filter(e -> !e.equals("[DONE]")).map(ServedPlatform::parse)
                    .filter(n -> n.path("choices").size() > 0 && !n.path("choices").get(0).path("finish_reason").isNull())
                    .map(n -> n.path("choices").get(0).path("finish_reason").asText()).findFirst().orElse(null);
        }

        int completionTokens() {
            return events.stream().filter(e -> !e.equals("[DONE]")).map(ServedPlatform::parse)
                    .filter(n -> n.hasNonNull("usage")).mapToInt(n -> n.path("usage").path("completion_tokens").asInt())
                    .max().orElse(-1);
        }
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> modelIds() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        parse(get("/v1/models").body()).path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for: " + what);
            }
            Thread.sleep(100);
        }
    }

    PlatformStatus.Model model(String name) {
        return platform.status().models().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void close() {
        platform.close();
    }
}
