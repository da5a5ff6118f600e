package dev.sovereign.engine.sovtiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.model.LoadedModel;
import dev.sovereign.engine.model.ModelLoader;
import dev.sovereign.engine.runner.EngineSettings;
import dev.sovereign.engine.runner.ServingEngine;
import dev.sovereign.engine.sampling.SamplingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bundled model behind Sovereign's own serving engine on CPU (scheduler, runner and sampler as the server
 * runs them), for the tests that measure it: chat prompts rendered with its template, greedy completions.
 */
final class SovTinyChat implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path MODEL = Path.of(System.getProperty("sov.root"), "models", "sov-tiny");

    final LoadedModel model;
    private final ServingEngine engine;

    SovTinyChat() {
        model = ModelLoader.load(MODEL);
        engine = new ServingEngine(model, EngineSettings.defaults("sov-tiny").withMaxModelLen(1024)
                .withKvCacheBytes(64L << 20).withThreads(Runtime.getRuntime().availableProcessors()));
    }

    /** The greedy answer to a conversation (JSON messages), with the given tools offered or none when null. */
    String complete(JsonNode messages, JsonNode tools, int maxTokens) {
        List<Map<String, Object>> messageList = JSON.convertValue(messages, new TypeReference<>() { });
        List<Map<String, Object>> toolList = tools == null ? List.of() : JSON.convertValue(tools, new TypeReference<>() { });
        String prompt = model.chatTemplate().render(messageList, toolList, true, Map.of());
        int[] ids = model.tokenizer().encode(prompt, false, true);
        return model.tokenizer().decode(greedy(ids, maxTokens));
    }

    int[] greedy(int[] prompt, int maxTokens) {
        ServingEngine.Result result = engine.generate(prompt, SamplingOptions.greedy(maxTokens)).join();
        assertThat(result.completion().error()).as("engine error").isNull();
        return result.tokens();
    }

    /** The JSON lines of a test resource under /sov-tiny. */
    static List<JsonNode> resource(String name) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        try (InputStream in = SovTinyChat.class.getResourceAsStream("/sov-tiny/" + name)) {
            assertThat(in).as("test resource /sov-tiny/" + name).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    items.add(JSON.readTree(line));
                }
            }
        }
        return items;
    }

    @Override
    public void close() {
        engine.close();
    }
}
