package dev.sovereign.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenWebUI's calls to an OpenAI connection (recorded shapes, src/test/resources/clients), replayed against sov serve:
 * the model list, a streamed chat with usage, and the title-generation call; and the connection settings of
 * examples/clients/openwebui.
 */
@ExtendWith(SharedServe.class)
class OpenWebUiReplayIT {

    @Test
    void theExampleConnectionNamesTheServersUrlAndKey(SovServe serve) throws Exception {
        Properties env = new Properties();
        env.load(new StringReader(ClientExamples.read("openwebui/openwebui.env", serve.url(), serve.key())));
        assertThat(env.getProperty("OPENAI_API_BASE_URL")).isEqualTo(serve.url());
        assertThat(env.getProperty("OPENAI_API_KEY")).isEqualTo(serve.key());
    }

    @Test
    void modelListHasSovTinyForTheBearerKey(SovServe serve) throws Exception {
        HttpResponse<String> response = RecordedRequest.load("openwebui-models.json").send(serve);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode models = RecordedRequest.JSON.readTree(response.body());
        assertThat(models.get("data").findValuesAsText("id")).contains("sov-tiny", "MoM");
    }

    @Test
    void streamedChatIsFramedAsOpenAiDoesWithUsageBeforeDone(SovServe serve) throws Exception {
        List<JsonNode> events = RecordedRequest.events(RecordedRequest.load("openwebui-chat-stream.json").send(serve));

        assertThat(events.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            assertThat(event.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(event.get("model").asText()).isEqualTo("sov-tiny");
            text.append(event.at("/choices/0/delta/content").asText(""));
        }
        assertThat(text.toString()).as("sov-tiny's answer").contains("68");
        JsonNode finish = events.get(events.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = events.getLast();
        assertThat(usage.get("choices")).as("the usage chunk, last before [DONE]").isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(usage.at("/usage/total_tokens").asInt())
                .isEqualTo(usage.at("/usage/prompt_tokens").asInt() + usage.at("/usage/completion_tokens").asInt());
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e -> assertThat(e.path("usage").isObject()).isFalse());
    }

    @Test
    void titleGenerationGetsOneNonStreamedAnswer(SovServe serve) throws Exception {
        HttpResponse<String> response = RecordedRequest.load("openwebui-title.json").send(serve);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = RecordedRequest.JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isNotBlank();
        assertThat(body.at("/usage/completion_tokens").asInt()).isBetween(1, 50);
    }
}
