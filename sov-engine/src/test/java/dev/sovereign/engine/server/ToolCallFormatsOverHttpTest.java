package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.testmodel.ScriptedModel;
import dev.sovereign.engine.tokenizer.ScriptedVocabulary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each tool-call format, and DeepSeek-R1's reasoning, chosen by the server's flags and written by a generated model
 * ({@link ScriptedModel}): the call streams with its arguments in several deltas, and the stream puts together to the
 * whole answer.
 */
class ToolCallFormatsOverHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** DeepSeek-R1's template opens the think block in the prompt: the answer starts inside it. */
    private static final String OPENS_THINKING = ScriptedModel.THINKING_TEMPLATE.replace("'<|im_start|>assistant\\n'",
            "'<|im_start|>assistant\\n<think>\\n'");

    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("llama3_json", null, ScriptedModel.THINKING_TEMPLATE, List.of("{\"name\": \"get_weather\", ",
                        "\"parameters\": ", "{\"city\": ", "\"Paris\", ", "\"unit\": \"celsius\"}}"), "", ""),
                Arguments.of("mistral", null, ScriptedModel.THINKING_TEMPLATE, List.of("Let me check.", "[TOOL_CALLS]",
                        "get_weather", "[ARGS]", "{\"city\": ", "\"Paris\", ", "\"unit\": \"celsius\"}"), "", "Let me check."),
                Arguments.of("qwen3_coder", null, ScriptedModel.THINKING_TEMPLATE, List.of("<tool_call>\n",
                        "<function=get_weather>\n", "<parameter=city>\n", "Paris\n</parameter>\n", "<parameter=unit>\n",
                        "celsius\n</parameter>\n", "</function>\n</tool_call>"), "", ""),
                Arguments.of("hermes", "deepseek_r1", OPENS_THINKING, List.of("Paris", " weather", " needs a call.",
                        "</think>\n\n", "<tool_call>{\"name\": \"get_weather\", \"arguments\": ", "{\"city\": ",
                        "\"Paris\", ", "\"unit\": \"celsius\"}}</tool_call>"), "Paris weather needs a call.", "\n\n"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void theCallStreamsInSeveralArgumentDeltasAndEqualsTheWholeAnswer(String toolCallParser, String reasoningParser,
            String template, List<String> script, String reasoning, String content) throws Exception {
        try (EngineLauncher.Running running = ThinkingModel.serve(dir, Map.of(ScriptedVocabulary.NEWLINE, script),
                template, toolCallParser, reasoningParser)) {
            String base = "http://127.0.0.1:" + running.server().port() + "/v1/chat/completions";
            JsonNode whole = JSON.readTree(post(base, "")).at("/choices/0");
            assertThat(whole.at("/message/tool_calls/0/function/name").asText()).as(whole.toString()).isEqualTo("get_weather");
            assertThat(JSON.readTree(whole.at("/message/tool_calls/0/function/arguments").asText()))
                    .isEqualTo(JSON.readTree("{\"city\": \"Paris\", \"unit\": \"celsius\"}"));
            assertThat(whole.at("/message/reasoning_content").asText("")).isEqualTo(reasoning);
            assertThat(whole.at("/message/content").asText("")).isEqualTo(content.isBlank() ? "" : content);
            assertThat(whole.get("finish_reason").asText()).isEqualTo("tool_calls");

            StringBuilder streamedReasoning = new StringBuilder();
            StringBuilder streamedContent = new StringBuilder();
            StringBuilder arguments = new StringBuilder();
            int argumentDeltas = 0;
            for (String line : post(base, ",\"stream\":true").split("\n")) {
                if (!line.startsWith("data: {")) {
                    continue;
                }
                JsonNode delta = JSON.readTree(line.substring(6)).at("/choices/0/delta");
                streamedReasoning.append(delta.path("reasoning_content").asText(""));
                streamedContent.append(delta.path("content").asText(""));
                for (JsonNode call : delta.path("tool_calls")) {
                    String fragment = call.at("/function/arguments").asText("");
                    arguments.append(fragment);
                    argumentDeltas += fragment.isEmpty() ? 0 : 1;
                }
            }
            assertThat(streamedReasoning.toString()).isEqualTo(reasoning);
            assertThat(streamedContent.toString()).isEqualTo(content);
            assertThat(arguments.toString()).isEqualTo(whole.at("/message/tool_calls/0/function/arguments").asText());
            assertThat(argumentDeltas).isGreaterThan(1);
        }
    }

    private static String post(String url, String extra) throws Exception {
        String body = "{\"model\":\"" + ThinkingModel.NAME + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
                + "\"temperature\":0,\"tools\":" + ThinkingModel.TOOLS + extra + "}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
