package dev.sovereign.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.api.anthropic.MessagesRequest;
import dev.sovereign.api.error.ApiException;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.openai.ChatCompletionRequest;
import dev.sovereign.api.openai.EmbeddingRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ApiException failure(String body, Class<?> type) {
        try {
            RequestReader.read(json(body), type);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a failure for " + body);
    }

    @Test
    void readsAValidChatRequest() {
        ChatCompletionRequest request = RequestReader.read(json("""
                {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}],
                 "stream":true,"stream_options":{"include_usage":true},"max_tokens":5,"future_field":1}"""), ChatCompletionRequest.class);
        assertThat(request.model()).isEqualTo("m");
        assertThat(request.streaming()).isTrue();
        assertThat(request.wantsStreamUsage()).isTrue();
        assertThat(request.outputLimit()).isEqualTo(5);
        assertThat(request.messages().get(1).text()).isEqualTo("ab");
    }

    @Test
    void malformedJsonIsA400WithoutParserInternals() {
        ApiException e = failure("{\"model\": ", ChatCompletionRequest.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("request body is not valid JSON").doesNotContain("com.fasterxml");
        assertThat(failure("[1,2]", ChatCompletionRequest.class).getMessage()).contains("expected a JSON object");
        assertThat(failure("", ChatCompletionRequest.class).status()).isEqualTo(400);
    }

    @Test
    void missingAndWrongFieldsAreNamedWithTheirPath() {
        ApiException missing = failure("{\"model\":\"m\"}", ChatCompletionRequest.class);
        assertThat(missing.error().param()).isEqualTo("messages");
        assertThat(missing.getMessage()).isEqualTo("messages: is required");

        ApiException badRole = failure("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"robot\",\"content\":\"y\"}]}",
                ChatCompletionRequest.class);
        assertThat(badRole.error().param()).isEqualTo("messages[1].role");
        assertThat(badRole.getMessage()).contains("messages[1].role").contains("robot");

        ApiException badType = failure("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":\"many\"}",
                ChatCompletionRequest.class);
        assertThat(badType.error().param()).isEqualTo("max_tokens");

        ApiException badStream = failure("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":[1]}",
                ChatCompletionRequest.class);
        assertThat(badStream.error().param()).isEqualTo("stream");

        ApiException zero = failure("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", ChatCompletionRequest.class);
        assertThat(zero.getMessage()).isEqualTo("max_tokens: must be at least 1, got 0");
    }

    @Test
    void anthropicRequestsNeedMaxTokensAndEmbeddingsNeedInput() {
        ApiException e = failure("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", MessagesRequest.class);
        assertThat(e.error().param()).isEqualTo("max_tokens");
        assertThat(failure("{\"model\":\"m\"}", EmbeddingRequest.class).error().param()).isEqualTo("input");
        assertThatThrownBy(() -> RequestReader.read(json("{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"hex\"}"), EmbeddingRequest.class))
                .hasMessageContaining("encoding_format");
    }
}
