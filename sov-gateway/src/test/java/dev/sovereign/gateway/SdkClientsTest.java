package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real client SDKs against the gateway: the official openai-java SDK, the npm {@code openai@4}
 * SDK and the npm {@code @anthropic-ai/sdk} (installed by ./test under tools/npm).
 */
class SdkClientsTest {

    @TempDir
    Path dir;
    FakeUpstream upstream;
    Gateway gateway;

    @BeforeEach
    void start() {
        upstream = new FakeUpstream("up");
        gateway = Gateway.start(new Settings(dir.resolve("usage.db")).backend("up", upstream, "qwen").build(), Optional.empty());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void officialJavaSdkStreams() {
        upstream.words = 4;
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey(Settings.KEY).maxRetries(0).build();
        try {
            ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("qwen").addUserMessage("hello")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            StringBuilder text = new StringBuilder();
            List<Long> usage = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> {
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
                    chunk.usage().ifPresent(u -> usage.add(u.completionTokens()));
                });
            }
            assertThat(text.toString()).isEqualTo("w0 w1 w2 w3 ");
            assertThat(usage).containsExactly(4L);
        } finally {
            client.close();
        }
    }

    @Test
    void npmOpenAiSdkStreamsAndListsModels() throws Exception {
        upstream.words = 3;
        JsonNode result = runNode("openai-stream.cjs", Settings.KEY);
        assertThat(result.get("text").asText()).isEqualTo("w0 w1 w2 ");
        assertThat(result.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(result.get("models").toString()).contains("qwen");
    }

    @Test
    void npmAnthropicSdkStreamsAToolCallThroughMessages() throws Exception {
        upstream.toolCall = true;
        JsonNode result = runNode("anthropic-tool-stream.cjs", Settings.KEY);
        assertThat(result.get("stop_reason").asText()).isEqualTo("tool_use");
        JsonNode block = result.at("/content/0");
        assertThat(block.get("type").asText()).isEqualTo("tool_use");
        assertThat(block.get("name").asText()).isEqualTo("get_weather");
        assertThat(block.at("/input/city").asText()).isEqualTo("Paris");
        assertThat(result.get("events").toString()).contains("message_start", "content_block_delta", "message_stop");
        assertThat(result.get("counted").asInt()).isEqualTo(11);
        // the SDK authenticates with x-api-key; the backend never sees it
        assertThat(upstream.received.getFirst().headers().toString()).doesNotContain(Settings.KEY);
    }

    private JsonNode runNode(String script, String key) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("sov.root", "."));
        Path modules = root.resolve("tools/npm/node_modules");
        assumeTrue(Files.isDirectory(modules.resolve("openai")) && Files.isDirectory(modules.resolve("@anthropic-ai/sdk")),
                "npm SDKs not installed: run ./test (it installs tools/npm)");
        Path source = Path.of("src/test/resources/clients", script).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("node", source.toString()).redirectErrorStream(false);
        builder.environment().put("SOV_NPM", modules.toAbsolutePath().toString());
        builder.environment().put("BASE_URL", "http://127.0.0.1:" + gateway.port());
        builder.environment().put("API_KEY", key);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("node failed: " + err).isZero();
        return WireJson.mapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
