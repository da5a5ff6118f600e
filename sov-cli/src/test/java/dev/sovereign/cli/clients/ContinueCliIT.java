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
 * Continue's CLI ({@code cn -p}, npm @continuedev/cli) with examples/clients/continue (config.yaml and
 * permissions.yaml) against sov serve: a sum sov-tiny gets right, checked against the true sum.
 */
@ExtendWith(SharedServe.class)
class ContinueCliIT {

    @TempDir
    Path home;

    @TempDir
    Path project;

    @Test
    void answersAnArithmeticQuestionCorrectly(SovServe serve) throws Exception {
        int a = ThreadLocalRandom.current().nextInt(10, 50);
        int b = ThreadLocalRandom.current().nextInt(10, 50);
        try (RecordingProxy proxy = new RecordingProxy(serve.url())) {
            Path config = home.resolve("sovereign.yaml");
            Files.writeString(config, ClientExamples.read("continue/config.yaml", proxy.url(), serve.key()));
            Files.createDirectories(home.resolve(".continue"));
            Files.copy(SovServe.ROOT.resolve("examples/clients/continue/permissions.yaml"),
                    home.resolve(".continue/permissions.yaml"));
            NpmClient.Result result = NpmClient.named("cn").run(project, home, Map.of(), Duration.ofSeconds(90),
                    "--config", config.toString(), "-p", "What is " + a + " + " + b + "?");

            assertThat(result.exit()).as(result.describe()).isZero();
            assertThat(result.out()).as(result.describe()).contains(String.valueOf(a + b));
            List<JsonNode> chats = proxy.exchanges().stream().filter(e -> e.path().equals("/v1/chat/completions"))
                    .map(RecordingProxy.Exchange::body).toList();
            assertThat(chats).hasSize(1);
            assertThat(chats.getFirst().at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(chats.getFirst().path("temperature").isNumber()).as("the config's temperature 0 is sent").isTrue();
            assertThat(chats.getFirst().path("tools")).as("tools excluded by permissions.yaml").isEmpty();
            assertThat(chats.getFirst().at("/messages/0/role").asText()).isEqualTo("system");
        }
    }
}
