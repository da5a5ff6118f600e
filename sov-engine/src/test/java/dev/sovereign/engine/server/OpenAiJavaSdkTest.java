package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official openai-java SDK streams a chat and a tool call from the engine's server, and a generated thinking
 * model's reasoning and streamed call.
 */
class OpenAiJavaSdkTest {

    static TestServer server;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = TestServer.standard();
        client = OpenAIOkHttpClient.builder().baseUrl(server.base() + "/v1").apiKey("unused").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void streamsAChat() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("sov-tiny")
                .addUserMessage("What is 23 + 45?").temperature(0.0).maxCompletionTokens(24)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        long[] usage = {0};
        String[] finish = {null};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> {
                    c.delta().content().ifPresent(text::append);
                    c.finishReason().ifPresent(f -> finish[0] = f.asString());
                });
                chunk.usage().ifPresent(u -> usage[0] = u.totalTokens());
            });
        }
        assertThat(text.toString()).contains("68");
        assertThat(finish[0]).isEqualTo("stop");
        assertThat(usage[0]).isPositive();
    }

    @Test
    void streamsAToolCall() throws Exception {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("currency",
                        Map.of("type", "string", "description", "The currency."))))
                .putAdditionalProperty("required", JsonValue.from(List.of("currency"))).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("sov-tiny")
                .addUserMessage("Please book the meeting with currency JPY.").temperature(0.0).maxCompletionTokens(48)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("book_meeting")
                        .description("Book the meeting.").parameters(parameters).build()).build())
                .build();
        Streamed streamed = Streamed.of(client, params);
        assertThat(streamed.name).hasToString("book_meeting");
        JsonNode args = TestServer.JSON.readTree(streamed.arguments.toString());
        assertThat(args.get("currency").asText()).isEqualTo("JPY");
        // sov-tiny writes its arguments over several tokens, and they reach the client as it writes them
        assertThat(streamed.argumentDeltas).isGreaterThan(1);
        assertThat(streamed.finish).isEqualTo("tool_calls");
    }

    @Test
    void streamsAThinkingModelsReasoningThenACallWhoseArgumentsArriveInSeveralDeltas(@TempDir Path dir) {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"),
                        "unit", Map.of("type", "string")))).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(ThinkingModel.NAME)
                .addUserMessage("Weather in Paris?").temperature(0.0)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("get_weather")
                        .description("The weather in a city.").parameters(parameters).build()).build())
                .build();
        try (EngineLauncher.Running thinker = ThinkingModel.serve(dir)) {
            OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + thinker.server().port() + "/v1")
                    .apiKey("unused").build();
            Streamed streamed;
            try {
                streamed = Streamed.of(sdk, params);
            } finally {
                sdk.close();
            }
            assertThat(streamed.reasoning).hasToString(ThinkingModel.REASONING);
            assertThat(streamed.name).hasToString("get_weather");
            assertThat(streamed.arguments).hasToString(ThinkingModel.ARGUMENTS);
            assertThat(streamed.argumentDeltas).isEqualTo(6);
            assertThat(streamed.finish).isEqualTo("tool_calls");
        }
    }

    /** What one streamed chat put together, as an SDK user would: reasoning_content is not an SDK field, so read raw. */
    private static final class Streamed {
        final StringBuilder reasoning = new StringBuilder();
        final StringBuilder name = new StringBuilder();
        final StringBuilder arguments = new StringBuilder();
        int argumentDeltas;
        String finish;

        static Streamed of(OpenAIClient sdk, ChatCompletionCreateParams params) {
            Streamed s = new Streamed();
            try (StreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(params)) {
                stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                    JsonValue thought = c.delta()._additionalProperties().get("reasoning_content");
                    if (thought != null) {
                        thought.asString().ifPresent(s.reasoning::append);
                    }
                    c.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> call.function().ifPresent(f -> {
                        f.name().ifPresent(s.name::append);
                        f.arguments().filter(a -> !a.isEmpty()).ifPresent(a -> {
                            s.arguments.append(a);
                            s.argumentDeltas++;
                        });
                    })));
                    c.finishReason().ifPresent(f -> s.finish = f.asString());
                }));
            }
            return s;
        }
    }
}
