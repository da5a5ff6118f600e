package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.testmodel.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat to a model that has no chat template is the caller's mistake: a 400 naming the model, and the server serves on. */
class NoChatTemplateTest {

    @TempDir
    Path dir;

    @Test
    void chatAnswersFourHundredNamingTheModelAndCompletionsStillWork() throws Exception {
        Path gguf = TestModels.writeGguf(TestModels.LLAMA2, dir); // a SentencePiece vocabulary, no tokenizer.chat_template
        try (EngineLauncher.Running running = EngineLauncher.start(new EngineLauncher.Options(gguf, "127.0.0.1", 0, "plain",
                2, 64, 0, false, "hermes", EngineLauncher.DEFAULT_MAX_WAITING, 1))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + running.server().port();
            HttpResponse<String> chat = http.send(post(base + "/v1/chat/completions",
                    "{\"model\":\"plain\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(400);
            JsonNode error = new ObjectMapper().readTree(chat.body()).get("error");
            assertThat(error.get("param").asText()).isEqualTo("model");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("message").asText()).contains("'plain'", "no chat template", "/v1/completions");

            HttpResponse<String> completion = http.send(post(base + "/v1/completions",
                    "{\"model\":\"plain\",\"prompt\":\"hi\",\"max_tokens\":2}"), HttpResponse.BodyHandlers.ofString());
            assertThat(completion.statusCode()).as(completion.body()).isEqualTo(200);
        }
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
