package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.upstream.Backend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models that a control plane adds, changes and removes while the gateway serves: routes and
 * {@code /v1/models} follow, and a model at zero replicas is woken by its first request.
 */
class LiveRoutesTest {

    @TempDir
    Path dir;

    private static BackendSettings managed(String name, List<URI> endpoints) {
        return new BackendSettings(name, endpoints, null, "openai", List.of(name), Duration.ofSeconds(5), Map.of(), false);
    }

    @Test
    void managedModelsComeAndGoWithoutARestart() {
        try (FakeUpstream a = new FakeUpstream("a"); FakeUpstream b = new FakeUpstream("b")) {
            GatewaySettings settings = new Settings(dir.resolve("usage.db")).backend("fixed", a, "fixed-model")
                    .alias("latest", "tiny").build();
            LiveRoutes routes = new LiveRoutes(settings, true);
            try (Gateway gateway = Gateway.start(settings, Optional.empty(), Optional.of(new Gateway.ControlPlane(routes,
                    () -> Map.of("ok", true), Duration.ofSeconds(1))))) {
                Http http = new Http(gateway.port());
                assertThat(Http.json(http.get("/v1/models", Settings.KEY)).findValuesAsText("id")).containsExactly("fixed-model");
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("latest", false)).statusCode())
                        .as("an alias to a model not served yet").isEqualTo(404);

                routes.applyManaged(List.of(managed("tiny", List.of(a.uri()))), List.of());
                Backend first = routes.managed("tiny");
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("latest", false)).statusCode()).isEqualTo(200);
                assertThat(Http.json(http.get("/v1/models", Settings.KEY)).findValuesAsText("id"))
                        .containsExactlyInAnyOrder("fixed-model", "tiny", "latest");

                routes.applyManaged(List.of(managed("tiny", List.of(b.uri()))), List.of());
                assertThat(routes.managed("tiny")).as("same backend, new endpoints").isSameAs(first);
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("tiny", false)).statusCode()).isEqualTo(200);
                assertThat(b.count("/v1/chat/completions")).isEqualTo(1);

                routes.applyManaged(List.of(), List.of());
                assertThat(http.post("/v1/chat/completions", Settings.KEY, Http.chat("tiny", false)).statusCode()).isEqualTo(404);
                assertThat(Http.json(http.get("/v1/models", Settings.KEY)).findValuesAsText("id")).containsExactly("fixed-model");
                assertThat(http.get("/sov/status", Settings.KEY).body()).contains("\"ok\":true");
                assertThat(http.get("/sov/status", "sk-wrong").statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void aRequestForAModelAtZeroReplicasWakesItAndWaits() {
        try (FakeUpstream upstream = new FakeUpstream("woken")) {
            GatewaySettings settings = new Settings(dir.resolve("usage.db")).build();
            LiveRoutes routes = new LiveRoutes(settings, true);
            routes.applyManaged(List.of(managed("sleepy", List.of())), List.of());
            List<String> woken = new CopyOnWriteArrayList<>();
            try (Gateway gateway = Gateway.start(settings, Optional.empty(), Optional.of(new Gateway.ControlPlane(routes,
                    () -> Map.of(), Duration.ofSeconds(1))))) {
                gateway.onReplicaDemand(name -> {
                    woken.add(name);
                    // the replica takes a moment to start, as a real one does
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            return;
                        }
                        routes.applyManaged(List.of(managed("sleepy", List.of(upstream.uri()))), List.of());
                    });
                });
                var answer = new Http(gateway.port()).post("/v1/chat/completions", Settings.KEY, Http.chat("sleepy", false));
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(woken).containsExactly("sleepy");
            }
        }
    }
}
