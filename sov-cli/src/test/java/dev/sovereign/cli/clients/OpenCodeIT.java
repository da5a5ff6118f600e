package dev.sovereign.cli.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCode ({@code opencode run}, npm opencode-ai) with examples/clients/opencode/opencode.json against sov serve and
 * sov-tiny: the answer is only in a file, so the model must call OpenCode's real {@code read} tool, get the file back
 * in a tool turn and answer with it.
 */
@ExtendWith(SharedServe.class)
class OpenCodeIT {

    @TempDir
    Path home;

    @TempDir
    Path project;

    @Test
    void answersFromAFileItReadThroughAToolCall(SovServe serve) throws Exception {
        int number = ThreadLocalRandom.current().nextInt(100, 1000);
        String secret = "The secret is " + word() + "-" + number + ".";
        Files.writeString(project.resolve("notes.txt"), secret + "\n");
        try (RecordingProxy proxy = new RecordingProxy(serve.url())) {
            Files.writeString(project.resolve("opencode.json"),
                    ClientExamples.read("opencode/opencode.json", proxy.url(), serve.key()));
            NpmClient.Result result = NpmClient.named("opencode").run(project, home, Map.of(
                    "SOVEREIGN_API_KEY", serve.key(),
                    "OPENCODE_DISABLE_MODELS_FETCH", "1", "OPENCODE_DISABLE_AUTOUPDATE", "1",
                    "OPENCODE_DISABLE_LSP_DOWNLOAD", "1", "OPENCODE_DISABLE_DEFAULT_PLUGINS", "1"),
                    Duration.ofSeconds(150), "run", "What is in notes.txt?");

            assertThat(result.exit()).as(result.describe()).isZero();
            // The tool turn below must carry the whole secret (the client's round trip, exact). The answer is the 14 M
            // model copying a made-up word and number it never saw, and it garbles some: clean-clone runs answered
            // "nosira" as "nosiz" and, once, "The secret is margew." for a word and number it had read. So the answer
            // is held to the file's words, which the question does not contain and the model can only have read there.
            assertThat(result.out()).as(result.describe()).contains("The secret is ");
            List<JsonNode> chats = proxy.exchanges().stream().filter(e -> e.path().equals("/v1/chat/completions"))
                    .map(RecordingProxy.Exchange::body).toList();
            assertThat(chats).as("chat requests OpenCode sent").hasSizeGreaterThanOrEqualTo(2);
            JsonNode first = chats.getFirst();
            assertThat(first.at("/stream").asBoolean()).isTrue();
            assertThat(first.at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(first.path("temperature").isNumber()).as("the agent's temperature 0 is sent").isTrue();
            assertThat(first.get("temperature").asDouble()).isZero();
            assertThat(first.get("tools").findValuesAsText("name")).as("the agent's only tool").contains("read")
                    .doesNotContain("bash", "edit", "write");
            JsonNode turn = chats.get(1).get("messages");
            JsonNode call = turn.get(turn.size() - 2);
            assertThat(call.at("/tool_calls/0/function/name").asText()).isEqualTo("read");
            assertThat(call.at("/tool_calls/0/function/arguments").asText()).contains("notes.txt");
            JsonNode toolTurn = turn.get(turn.size() - 1);
            assertThat(toolTurn.get("role").asText()).isEqualTo("tool");
            assertThat(toolTurn.get("tool_call_id").asText()).isEqualTo(call.at("/tool_calls/0/id").asText());
            assertThat(toolTurn.get("content").asText()).contains(secret);
        }
    }

    /**
     * Three different syllables: a 14 M model copies "kalomi-123" reliably (8 of 8 runs, 99 of 100 in its evaluation),
     * "rarara" (a repeat) or six random digits not always (one digit dropped in 1 of 8).
     */
    private static String word() {
        List<String> syllables = new java.util.ArrayList<>(List.of("ka", "lo", "mi", "ra", "tu", "ve", "no", "si", "pa", "de"));
        java.util.Collections.shuffle(syllables);
        return String.join("", syllables.subList(0, 3));
    }
}
