package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.balance.EndpointLoad;
import dev.sovereign.gateway.balance.ReplicaPicker;
import dev.sovereign.gateway.balance.VllmMetricsParser;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.gateway.upstream.Endpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replica choice: load from scraped vLLM metrics, approximate prefix affinity, round-robin without data. */
class ReplicaPickerTest {

    @TempDir
    Path dir;

    static final String BUSY = """
            # HELP vllm:num_requests_waiting Number of requests waiting.
            vllm:num_requests_waiting{engine="0",model_name="qwen"} 12.0
            vllm:num_requests_running{engine="0",model_name="qwen"} 8.0
            vllm:kv_cache_usage_perc{engine="0",model_name="qwen"} 0.9
            """;
    static final String IDLE = """
            vllm:num_requests_waiting{model_name="qwen"} 0.0
            vllm:num_requests_running{model_name="qwen"} 1.0
            vllm:gpu_cache_usage_perc{model_name="qwen"} 0.1
            """;

    @Test
    void parsesCurrentAndDeprecatedVllmNames() {
        EndpointLoad busy = VllmMetricsParser.parse(BUSY, 1);
        assertThat(busy.waiting()).isEqualTo(12);
        assertThat(busy.running()).isEqualTo(8);
        assertThat(busy.kvCacheUsage()).isEqualTo(0.9);
        assertThat(VllmMetricsParser.parse(IDLE, 1).kvCacheUsage()).isEqualTo(0.1);
    }

    @Test
    void withoutMetricsItRoundRobinsAndSamePrefixSticks() {
        List<Endpoint> endpoints = List.of(new Endpoint(URI.create("http://a")), new Endpoint(URI.create("http://b")),
                new Endpoint(URI.create("http://c")));
        ReplicaPicker picker = new ReplicaPicker(endpoints);
        Set<Endpoint> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(picker.pick("short"));
        }
        assertThat(seen).hasSize(3);
        String shared = "system: you are a careful coding assistant. ".repeat(20);
        Endpoint first = picker.pick(shared + "question one");
        for (int i = 0; i < 5; i++) {
            assertThat(picker.pick(shared + "question " + i)).isSameAs(first);
        }
    }

    @Test
    void loadOutweighsNothingButPrefixOutweighsASmallLoadDifference() {
        Endpoint a = new Endpoint(URI.create("http://a"));
        Endpoint b = new Endpoint(URI.create("http://b"));
        ReplicaPicker picker = new ReplicaPicker(List.of(a, b));
        long now = System.nanoTime();
        a.load(new EndpointLoad(10, 8, 0.9, now));
        b.load(new EndpointLoad(0, 1, 0.1, now));
        for (int i = 0; i < 4; i++) {
            assertThat(picker.pick("p" + i)).isSameAs(b);
        }
        String prompt = "x".repeat(64 * 40);
        a.load(new EndpointLoad(1, 1, 0.2, now));
        b.load(new EndpointLoad(0, 1, 0.1, now));
        picker.pick(prompt);
        // b got the prompt's blocks; now make a slightly less loaded: the prefix still wins (3 > 2 + 0.2)
        a.load(new EndpointLoad(0, 1, 0.1, now));
        b.load(new EndpointLoad(1, 1, 0.2, now));
        assertThat(picker.pick(prompt)).isSameAs(b);
    }

    @Test
    void gatewayScrapesReplicasAndSendsToTheLeastLoaded() throws Exception {
        try (FakeUpstream busy = new FakeUpstream("busy"); FakeUpstream idle = new FakeUpstream("idle")) {
            busy.metricsPage = BUSY;
            idle.metricsPage = IDLE;
            BackendSettings pool = new BackendSettings("pool", List.of(busy.uri(), idle.uri()), null, "openai", List.of("qwen"),
                    Duration.ofSeconds(5), Map.of(), true);
            try (Gateway gateway = Gateway.start(new Settings(dir.resolve("u.db")).backend(pool).build(), Optional.empty())) {
                long deadline = System.currentTimeMillis() + 5000;
                while (busy.count("/metrics") == 0 || idle.count("/metrics") == 0) {
                    assertThat(System.currentTimeMillis()).isLessThan(deadline);
                    Thread.sleep(20);
                }
                Thread.sleep(250);
                Http http = new Http(gateway.port());
                for (int i = 0; i < 6; i++) {
                    http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", false).replace("hello", "hello " + i));
                }
                assertThat(idle.count("/v1/chat/completions")).isEqualTo(6);
                assertThat(busy.count("/v1/chat/completions")).isZero();
            }
        }
    }
}
