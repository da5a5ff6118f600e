package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.server.EngineLauncher;
import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alert rules of deploy/observability may use only the names listed in
 * metric-names.txt (a sov-k8s test checks that). This test closes the loop: every engine
 * ({@code vllm:*}) and gateway ({@code gen_ai_*}, {@code sov_gateway_*}) name on that list must
 * appear in the real /metrics of a running engine and gateway after one streamed chat.
 */
class ExportedMetricNamesTest {

    private static final Path ROOT = Path.of(System.getProperty("sov.root"));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEngineAndGatewayNameTheDashboardsMayUseIsExported() throws Exception {
        Set<String> engineNames;
        Set<String> gatewayNames;
        try (EngineLauncher.Running engine = EngineLauncher.start(new EngineLauncher.Options(
                ROOT.resolve("models/sov-tiny"), "127.0.0.1", 0, "sov-tiny", 4, 0, 64L << 20, true, "hermes", 16, 2))) {
            Path models = Files.createDirectories(dir.resolve("models"));
            Files.writeString(models.resolve("sov-tiny.yaml"), """
                    apiVersion: sovereign.dev/v1alpha1
                    kind: InferenceService
                    metadata: {name: sov-tiny}
                    spec:
                      model: {repository: file:models/sov-tiny}
                      engine: {kind: external, url: "http://127.0.0.1:%d"}
                    """.formatted(engine.server().port()));
            Files.writeString(dir.resolve("sov.yaml"), "router: {enabled: false}\ndataDir: data\n");
            try (Gateway gateway = GatewayLauncher.start(new GatewayLauncher.Options(dir.resolve("sov.yaml"), models,
                    List.of("team=test-key"), 0), name -> null)) {
                String base = "http://127.0.0.1:" + gateway.port();
                HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                        .header("Authorization", "Bearer test-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"model": "sov-tiny", "stream": true, "max_tokens": 12,
                                 "messages": [{"role": "user", "content": "What is 23 + 45?"}]}"""))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
                assertThat(chat.body()).contains("data: [DONE]");
                engineNames = seriesNames(get("http://127.0.0.1:" + engine.server().port() + "/metrics"));
                gatewayNames = seriesNames(get(base + "/metrics"));
            }
        }
        List<String> listed = Files.readAllLines(ROOT.resolve("deploy/observability/metric-names.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> engineListed = listed.stream().filter(n -> n.startsWith("vllm:")).toList();
        List<String> gatewayListed = listed.stream().filter(n -> n.startsWith("gen_ai_") || n.startsWith("sov_gateway_")).toList();
        assertThat(engineListed).isNotEmpty();
        assertThat(gatewayListed).isNotEmpty();
        assertThat(engineNames).as("the engine's /metrics").containsAll(engineListed);
        assertThat(gatewayNames).as("the gateway's /metrics").containsAll(gatewayListed);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** Series names of a Prometheus text page: each sample line's name, without labels. */
    static Set<String> seriesNames(String page) {
        return page.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
