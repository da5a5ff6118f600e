package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm {@code openai} SDK (v4, installed by ./test under tools/npm), run by node as its own process, streams the
 * generated thinking model's reasoning and a tool call whose arguments arrive in several deltas.
 */
class NpmOpenAiClientTest {

    @TempDir
    Path dir;

    @Test
    void streamsReasoningAndAToolCallWhoseArgumentsArriveInSeveralDeltas() throws Exception {
        Path modules = Path.of(System.getProperty("sov.root", "..")).resolve("tools/npm/node_modules");
        boolean installed = Files.isDirectory(modules.resolve("openai"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("the npm openai SDK is not installed (" + modules + "): ./test installs tools/npm");
        }
        assumeTrue(installed, "the npm openai SDK is not installed: run ./test, which installs tools/npm");
        try (EngineLauncher.Running thinker = ThinkingModel.serve(dir)) {
            Path script = Path.of("src/test/resources/clients/openai-reasoning-tool-stream.cjs").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder("node", script.toString());
            builder.environment().put("SOV_NPM", modules.toAbsolutePath().toString());
            builder.environment().put("BASE_URL", "http://127.0.0.1:" + thinker.server().port());
            builder.environment().put("MODEL", ThinkingModel.NAME);
            Process node = builder.start();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.exitValue()).as("node failed: " + err).isZero();
            JsonNode result = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());

            assertThat(result.get("reasoning").asText()).isEqualTo(ThinkingModel.REASONING);
            assertThat(result.get("calls")).hasSize(1);
            assertThat(result.at("/calls/0/id").asText()).startsWith("call_");
            assertThat(result.at("/calls/0/name").asText()).isEqualTo("get_weather");
            assertThat(result.at("/calls/0/arguments").asText()).isEqualTo(ThinkingModel.ARGUMENTS);
            assertThat(result.get("argumentDeltas").asInt()).isEqualTo(6);
            assertThat(result.get("content").asText()).isBlank();
            assertThat(result.get("finish").asText()).isEqualTo("tool_calls");
        }
    }
}
