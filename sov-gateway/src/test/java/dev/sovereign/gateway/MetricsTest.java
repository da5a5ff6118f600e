package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics exposes the OpenTelemetry GenAI histograms under their Prometheus names. */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void genAiHistogramsCarryOperationProviderModelsTokenTypeAndTenant() {
        try (FakeUpstream upstream = new FakeUpstream("up");
             Gateway gateway = Gateway.start(new Settings(dir.resolve("u.db")).backend("up", upstream, "qwen").build(), Optional.empty())) {
            Http http = new Http(gateway.port());
            upstream.words = 5;
            http.post("/v1/chat/completions", Settings.KEY, Http.chat("qwen", true));
            http.post("/v1/chat/completions", Settings.KEY, Http.chat("nope", false));
            String page = http.get("/metrics", null).body();
            assertThat(page).contains("gen_ai_client_token_usage_bucket{")
                    .contains("gen_ai_token_type=\"output\"").contains("gen_ai_token_type=\"input\"")
                    .contains("gen_ai_token_type=\"cached_input\"")
                    .contains("gen_ai_server_request_duration_seconds_bucket{")
                    .contains("gen_ai_server_time_to_first_token_seconds_bucket{")
                    .contains("gen_ai_server_time_per_output_token_seconds_count{")
                    .contains("gen_ai_operation_name=\"chat\"").contains("gen_ai_provider_name=\"openai\"")
                    .contains("gen_ai_request_model=\"qwen\"").contains("tenant=\"alice\"")
                    .contains("error_type=\"model_not_found\"")
                    .contains("sov_gateway_overhead_seconds_bucket");
            assertThat(page).containsPattern("gen_ai_client_token_usage_sum\\{[^}]*gen_ai_token_type=\"output\"[^}]*\\} 5\\.0");
        }
    }
}
