package dev.sovereign.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continue's autocomplete request (recorded shape: a raw Qwen FIM prompt streamed from /v1/completions with
 * Continue's stop list) replayed against sov serve: the completion fills the hole of a small Python function, and
 * stop strings end the text without appearing in it. The recorded prompt is the FIM template of
 * examples/clients/continue/config.yaml, rendered.
 */
@ExtendWith(SharedServe.class)
class ContinueAutocompleteReplayIT {

    private static final String PREFIX = "def add(a, b):\n    return ";
    private static final String SUFFIX = "\n\n\nprint(add(1, 2))\n";

    @Test
    void theRecordedPromptIsTheExampleConfigsTemplateRendered(SovServe serve) throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(
                ClientExamples.read("continue/config.yaml", serve.url(), serve.key()));
        JsonNode autocomplete = null;
        for (JsonNode model : config.get("models")) {
            if (model.get("roles").toString().contains("autocomplete")) {
                autocomplete = model;
            }
        }
        assertThat(autocomplete).as("a model with the autocomplete role").isNotNull();
        assertThat(autocomplete.get("apiBase").asText()).isEqualTo(serve.url());
        String template = autocomplete.at("/promptTemplates/autocomplete").asText();
        assertThat(RecordedRequest.load("continue-autocomplete.json").body().get("prompt").asText())
                .isEqualTo(template.replace("{{{prefix}}}", PREFIX).replace("{{{suffix}}}", SUFFIX));
    }

    @Test
    void fimCompletionFillsTheHoleBetweenPrefixAndSuffix(SovServe serve) throws Exception {
        RecordedRequest request = RecordedRequest.load("continue-autocomplete.json");
        List<JsonNode> events = RecordedRequest.events(request.send(serve));

        String text = text(events);
        assertThat(text).as("def add(a, b):\\n    return <here>").isEqualTo("a + b");
        assertThat(events.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(events).allSatisfy(e -> assertThat(e.get("object").asText()).isEqualTo("text_completion"));
        for (JsonNode stop : request.body().get("stop")) {
            assertThat(text).doesNotContain(stop.asText());
        }
    }

    @Test
    void aStopStringEndsTheCompletionWhereItStarts(SovServe serve) throws Exception {
        RecordedRequest request = RecordedRequest.load("continue-autocomplete.json")
                .withBody(body -> body.withArray("stop").add(" +"));
        List<JsonNode> events = RecordedRequest.events(request.send(serve));

        assertThat(text(events)).isEqualTo("a");
        assertThat(events.getLast().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    private static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.at("/choices/0/text").asText("")));
        return text.toString();
    }
}
