package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reasoning and streamed tool calls over HTTP from a generated thinking model ({@link ThinkingModel}): what a client
 * receives streamed is what it receives whole, the arguments arrive as the model writes them, and
 * {@code chat_template_kwargs} reaches the template.
 */
class ReasoningAndToolStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static EngineLauncher.Running running;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        running = ThinkingModel.serve(dir);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static HttpResponse<String> chat(String extra) throws Exception {
        String body = "{\"model\":\"thinker\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
                + "\"temperature\":0" + extra + "}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.server().port() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> deltas(HttpResponse<String> streamed) throws Exception {
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("data: {")) {
                chunks.add(JSON.readTree(line.substring(6)));
            }
        }
        return chunks;
    }

    @Test
    void theWholeAnswerSplitsReasoningFromTheCall() throws Exception {
        HttpResponse<String> response = chat(",\"tools\":" + ThinkingModel.TOOLS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
        assertThat(choice.at("/message/reasoning_content").asText()).isEqualTo(ThinkingModel.REASONING);
        assertThat(choice.at("/message/content").asText(null)).as("no content beside the call").isNull();
        assertThat(choice.at("/message/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(choice.at("/message/tool_calls/0/function/arguments").asText()).isEqualTo(ThinkingModel.ARGUMENTS);
        assertThat(choice.at("/message/tool_calls/0/id").asText()).startsWith("call_");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void theStreamCarriesReasoningThenTheCallWithItsArgumentsInSeveralDeltas() throws Exception {
        List<JsonNode> chunks = deltas(chat(",\"stream\":true,\"tools\":" + ThinkingModel.TOOLS));
        StringBuilder reasoning = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<String> order = new ArrayList<>();
        int argumentDeltas = 0;
        String finish = null;
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.at("/choices/0/delta");
            if (delta.hasNonNull("reasoning_content")) {
                reasoning.append(delta.get("reasoning_content").asText());
                order.add("reasoning");
            }
            for (JsonNode call : delta.path("tool_calls")) {
                assertThat(call.get("index").asInt()).isZero();
                if (call.has("id")) {
                    assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
                    assertThat(call.get("type").asText()).isEqualTo("function");
                    order.add("call");
                } else {
                    arguments.append(call.at("/function/arguments").asText());
                    argumentDeltas++;
                }
            }
            if (chunk.at("/choices/0/finish_reason").isTextual()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertThat(reasoning.toString()).isEqualTo(ThinkingModel.REASONING);
        assertThat(arguments.toString()).isEqualTo(ThinkingModel.ARGUMENTS);
        // one delta per token the model wrote the arguments in: {"city": / "Par / is", / "unit": / "celsius" / }
        assertThat(argumentDeltas).isEqualTo(6);
        assertThat(order.indexOf("call")).isGreaterThan(order.lastIndexOf("reasoning"));
        assertThat(finish).isEqualTo("tool_calls");
    }

    @Test
    void withThinkingOffTheTemplateClosesTheBlockAndTheAnswerIsPlainContent() throws Exception {
        HttpResponse<String> response = chat(",\"chat_template_kwargs\":{\"enable_thinking\":false}");
        JsonNode message = JSON.readTree(response.body()).at("/choices/0/message");
        assertThat(message.get("content").asText()).as(response.body()).isEqualTo(ThinkingModel.ANSWER);
        assertThat(message.has("reasoning_content")).as(response.body()).isFalse();

        StringBuilder streamed = new StringBuilder();
        for (JsonNode chunk : deltas(chat(",\"stream\":true,\"chat_template_kwargs\":{\"enable_thinking\":false}"))) {
            assertThat(chunk.at("/choices/0/delta").has("reasoning_content")).isFalse();
            streamed.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(streamed.toString()).isEqualTo(ThinkingModel.ANSWER);
    }

    @Test
    void withoutToolsTheCallStaysTextAfterTheReasoning() throws Exception {
        JsonNode message = JSON.readTree(chat("").body()).at("/choices/0/message");
        assertThat(message.get("reasoning_content").asText()).isEqualTo(ThinkingModel.REASONING);
        assertThat(message.get("content").asText()).startsWith("\n\n<tool_call>\n{\"name\": \"get_weather\"");
        assertThat(message.has("tool_calls")).isFalse();
    }

    @Test
    void templateKwargsThatAreNotAnObjectOrReplaceTheRequestAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> notObject = chat(",\"chat_template_kwargs\":[1]");
        assertThat(notObject.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notObject.body()).at("/error/param").asText()).isEqualTo("chat_template_kwargs");
        HttpResponse<String> messages = chat(",\"chat_template_kwargs\":{\"messages\":[]}");
        assertThat(messages.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(messages.body()).at("/error/param").asText()).isEqualTo("chat_template_kwargs.messages");
    }
}
