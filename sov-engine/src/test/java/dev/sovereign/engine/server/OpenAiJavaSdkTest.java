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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official openai-java SDK streams a chat and a tool call from the engine's server. */
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
        StringBuilder name = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        String[] finish = {null};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> {
                c.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> call.function().ifPresent(f -> {
                    f.name().ifPresent(name::append);
                    f.arguments().ifPresent(arguments::append);
                })));
                c.finishReason().ifPresent(f -> finish[0] = f.asString());
            }));
        }
        assertThat(name.toString()).isEqualTo("book_meeting");
        JsonNode args = TestServer.JSON.readTree(arguments.toString());
        assertThat(args.get("currency").asText()).isEqualTo("JPY");
        assertThat(finish[0]).isEqualTo("tool_calls");
    }
}
