package dev.sovereign.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat through the gateway to a model whose weights come without a chat template: the caller's mistake, so the
 * client gets the engine's 400 naming the model, not a 502 with a stack trace.
 */
class NoChatTemplateThroughGatewayTest {

    @Test
    void chatIsAFourHundredNamingTheModel(@TempDir Path root) throws Exception {
        Path plain = withoutChatTemplate(root.resolve("plain-weights"));
        try (ServedPlatform served = new ServedPlatform(root, 1, Map.of("plain.yaml",
                ServedPlatform.model("plain", "file:" + plain, "maxNumSeqs: 2", "")))) {
            ServedPlatform.await("plain serving", Duration.ofSeconds(120), () -> served.model("plain").readyReplicas() == 1);

            HttpResponse<String> chat = served.chat("plain", "What is 12 + 30?", 8);
            assertThat(chat.statusCode()).as(chat.body()).isEqualTo(400);
            JsonNode error = ServedPlatform.parse(chat.body()).get("error");
            assertThat(error.get("param").asText()).isEqualTo("model");
            assertThat(error.get("message").asText()).contains("'plain'", "no chat template", "/v1/completions");
            assertThat(chat.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    /** sov-tiny's files, linked, with a tokenizer_config.json that lacks chat_template. */
    private static Path withoutChatTemplate(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(ServedPlatform.SOV_TINY)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals("tokenizer_config.json")) {
                    Files.createSymbolicLink(folder.resolve(file.getFileName()), file);
                }
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(ServedPlatform.SOV_TINY.resolve("tokenizer_config.json").toFile());
        config.remove("chat_template");
        json.writeValue(folder.resolve("tokenizer_config.json").toFile(), config);
        return folder;
    }
}
