package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.GatewayLauncher;
import dev.sovereign.k8s.discovery.ModelDiscovery;
import dev.sovereign.k8s.operator.InferenceServiceResource;
import dev.sovereign.k8s.operator.SovereignOperator;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sov gateway --discover} end to end, with no hand-written route: fabric8's mock API server
 * (CRUD mode) holds an InferenceService and the EndpointSlice Kubernetes would make for its
 * Service, whose address is a real OpenAI-compatible server on loopback. A chat through the
 * gateway reaches it; the endpoint marked not ready gives 503; the InferenceService deleted, 404.
 */
@EnableKubernetesMockClient(crud = true)
class GatewayDiscoveryTest {

    private static final String KEY = "sk-discovery-test";
    private static final String NAMESPACE = "llm";

    static KubernetesClient client;

    @TempDir
    Path data;

    private final Queue<String> upstreamModels = new ConcurrentLinkedQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer engine;
    private ClusterGateway gateway;

    @BeforeAll
    static void quietClientLogs() {
        // Called without the CLI's LogSetup, logback would print the Kubernetes client's DEBUG chatter.
        for (String noisy : List.of("io.fabric8", "io.netty", "io.vertx")) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(noisy)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @BeforeEach
    void start() {
        engine = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.post("/v1/chat/completions", (req, res) -> {
            String body = req.content().as(String.class);
            String model = body.replaceAll("(?s).*\"model\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            upstreamModels.add(model);
            res.header("Content-Type", "application/json").send("""
                    {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"%s",
                     "choices":[{"index":0,"message":{"role":"assistant","content":"hello from the pod"},"finish_reason":"stop"}],
                     "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}""".formatted(model));
        })).build().start();
        SovereignOperator.installCrd(client);
        gateway = ClusterGateway.start(new GatewayLauncher.Options(null, null, List.of("team=" + KEY), 0), NAMESPACE, client,
                Map.of("SOV_DATA_DIR", data.toString())::get, () -> { });
    }

    @AfterEach
    void stop() {
        gateway.close();
        engine.stop();
    }

    @Test
    void chatReachesTheReadyPodThenNotReadyIs503AndDeletedIs404() throws Exception {
        assertThat(chat("xplane-qwen3-8b").statusCode()).isEqualTo(404);

        client.resource(inferenceService("xplane-qwen3-8b")).create();
        client.resource(slice("xplane-qwen3-8b", true)).create();
        HttpResponse<String> answered = await(() -> chat("xplane-qwen3-8b"), r -> r.statusCode() == 200);
        assertThat(answered.body()).contains("hello from the pod");
        assertThat(upstreamModels).containsExactly("xplane-qwen3-8b");
        assertThat(get("/v1/models").body()).contains("\"xplane-qwen3-8b\"");
        assertThat(get("/sov/status").body()).contains("\"namespace\":\"llm\"", "http://127.0.0.1:" + engine.port());

        client.resource(slice("xplane-qwen3-8b", false)).update();
        HttpResponse<String> notReady = await(() -> chat("xplane-qwen3-8b"), r -> r.statusCode() != 200);
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("no ready replica");

        client.resource(slice("xplane-qwen3-8b", true)).update();
        await(() -> chat("xplane-qwen3-8b"), r -> r.statusCode() == 200);

        client.resources(InferenceServiceResource.class).inNamespace(NAMESPACE).withName("xplane-qwen3-8b").delete();
        HttpResponse<String> gone = await(() -> chat("xplane-qwen3-8b"), r -> r.statusCode() != 200);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("xplane-qwen3-8b");
    }

    @Test
    void adaptersAreServedNamesAndTheCanaryIsASplitOfTheModel() throws Exception {
        client.resource(inferenceService("xplane-qwen-coder")).create();
        client.resource(slice("xplane-qwen-coder", true)).create();
        await(() -> chat("xplane-qwen-coder-securecode"), r -> r.statusCode() == 200);
        assertThat(upstreamModels).containsExactly("xplane-qwen-coder-securecode");
        upstreamModels.clear();
        // 10% canary on the sql-dpo adapter: over 200 requests both sides must be seen, the base most.
        for (int i = 0; i < 200; i++) {
            assertThat(chat("xplane-qwen-coder").statusCode()).isEqualTo(200);
        }
        long canary = upstreamModels.stream().filter("xplane-qwen-coder-sql-dpo"::equals).count();
        assertThat(upstreamModels).containsOnly("xplane-qwen-coder", "xplane-qwen-coder-sql-dpo");
        assertThat(canary).isBetween(2L, 60L);
    }

    private InferenceServiceResource inferenceService(String example) throws Exception {
        Path file = Path.of(System.getProperty("sov.root"), "examples", "models", example + ".yaml");
        String yaml = Files.readString(file).replace("cloud.ogenki.io/v1alpha1", "sovereign.dev/v1alpha1");
        return client.getKubernetesSerialization().unmarshal(yaml, InferenceServiceResource.class);
    }

    /** The slice the EndpointSlice controller keeps for the model's Service: one pod, the fake engine. */
    private EndpointSlice slice(String service, boolean ready) {
        return new EndpointSliceBuilder().withNewMetadata().withName(service + "-x7k2p").withNamespace(NAMESPACE)
                .addToLabels(ModelDiscovery.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withPort(engine.port()).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("127.0.0.1")
                .withNewConditions().withReady(ready).withServing(ready).withTerminating(false).endConditions()
                .endEndpoint().build();
    }

    private HttpResponse<String> chat(String model) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> await(Call call, Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> last = call.send();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = call.send();
        }
        assertThat(done.test(last)).as("answer " + last.statusCode() + " " + last.body()).isTrue();
        return last;
    }
}
