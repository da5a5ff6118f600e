package dev.sovereign.engine.bench.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Which streamed chunks carry a token, on the chunk shapes llama-server b4748 and our server send. */
class EndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCompletionTokenThatDetokenizesToNothingStillCounts() throws Exception {
        // llama-server's chunks for a control token, then its closing chunk with the usage
        assertThat(Endpoint.COMPLETIONS.carriesToken(chunk(
                "{\"choices\":[{\"text\":\"\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}"))).isTrue();
        assertThat(Endpoint.COMPLETIONS.carriesToken(chunk(
                "{\"choices\":[{\"text\":\"\",\"index\":0,\"finish_reason\":\"length\"}],\"usage\":{\"completion_tokens\":3}}")))
                .isFalse();
        assertThat(Endpoint.COMPLETIONS.carriesToken(chunk("{\"choices\":[{\"text\":\" the\",\"index\":0}]}"))).isTrue();
        assertThat(Endpoint.COMPLETIONS.carriesToken(chunk("{\"choices\":[],\"usage\":{\"completion_tokens\":3}}"))).isFalse();
    }

    @Test
    void aChatRoleChunkIsNoToken() throws Exception {
        assertThat(Endpoint.CHAT.carriesToken(chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}")))
                .isFalse();
        assertThat(Endpoint.CHAT.carriesToken(chunk("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}"))).isFalse();
        assertThat(Endpoint.CHAT.carriesToken(chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}"))).isTrue();
        assertThat(Endpoint.CHAT.carriesToken(chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":null}]}"))).isTrue();
        assertThat(Endpoint.CHAT.carriesToken(chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"))).isFalse();
    }

    private static JsonNode chunk(String json) throws Exception {
        return JSON.readTree(json);
    }
}
