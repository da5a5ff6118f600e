package dev.sovereign.eval.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.eval.config.ProviderSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProviderSpec provider(String config) throws Exception {
        return ProviderSpec.parse("openai:chat:m", null, JSON.readTree(config), "providers[0]");
    }

    @Test
    void theSuitesApiBaseUrlWinsOverOpenAiBaseUrlAsInPromptfoo() throws Exception {
        Endpoint endpoint = Endpoint.of(provider("{\"apiBaseUrl\": \"http://127.0.0.1:8080/v1/\"}"),
                Map.of("OPENAI_BASE_URL", "http://elsewhere/v1", "OPENAI_API_KEY", "k"), null);
        assertThat(endpoint).isEqualTo(new Endpoint("http://127.0.0.1:8080/v1", "k"));
    }

    @Test
    void sovEvalBaseUrlOverridesTheSuitesEndpoint() throws Exception {
        Endpoint endpoint = Endpoint.of(provider("{\"apiBaseUrl\": \"http://127.0.0.1:8080/v1\"}"),
                Map.of(Endpoint.OVERRIDE, "http://gateway.sovereign.svc:8080/v1"), null);
        assertThat(endpoint.baseUrl()).isEqualTo("http://gateway.sovereign.svc:8080/v1");
    }
}
