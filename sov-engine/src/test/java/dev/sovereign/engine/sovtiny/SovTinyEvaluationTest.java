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
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model, evaluated through Sovereign's own engine on CPU (issue 7), through the serving engine's
 * scheduler, runner and sampler as the server runs it: a fixed sample
 * of the held-out items (tools/sov-tiny/eval_sample.py) must meet the model card's targets, and
 * greedy decoding must give exactly the tokens PyTorch gave for the same prompts.
 */
class SovTinyEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODEL = Path.of(System.getProperty("sov.root"), "models", "sov-tiny");

    private static LoadedModel model;
    private static ServingEngine engine;

    @BeforeAll
    static void load() {
        model = ModelLoader.load(MODEL);
        engine = new ServingEngine(model, EngineSettings.defaults("sov-tiny").withMaxModelLen(1024)
                .withKvCacheBytes(64L << 20).withThreads(Runtime.getRuntime().availableProcessors()));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void greedyTokensEqualPyTorchs() throws IOException {
        JsonNode report = JSON.readTree(MODEL.resolve("training_report.json").toFile());
        Tokenizer tokenizer = model.tokenizer();
        for (JsonNode reference : report.get("greedy_reference")) {
            int[] expectedPrompt = ints(reference.get("prompt_ids"));
            assertThat(tokenizer.encode(reference.get("prompt").asText(), false, true))
                    .as("tokenization of %s", reference.get("prompt").asText()).containsExactly(expectedPrompt);
            // PyTorch's output ends with the stop token it stopped on; the engine reports tokens before it.
            int[] expected = withoutFinalStop(ints(reference.get("greedy_ids")), tokenizer);
            assertThat(greedy(expectedPrompt, 32)).as("greedy continuation of %s", reference.get("prompt").asText())
                    .containsExactly(expected);
        }
    }

    @Test
    void heldOutSampleMeetsTheTargets() throws IOException {
        Map<String, int[]> score = new TreeMap<>();
        for (JsonNode item : sample()) {
            String kind = item.get("kind").asText();
            boolean tools = kind.equals("tool");
            String answer = complete(item.get("messages").get(0), tools ? item.get("tools") : null);
            boolean correct = switch (kind) {
                case "tool" -> item.get("call").equals(HermesCall.parse(answer));
                default -> kind.startsWith("notools") ? !answer.contains("<tool_call>")
                        : answer.strip().endsWith("= " + item.get("answer").asText());
            };
            int[] counts = score.computeIfAbsent(kind.startsWith("notools") ? "notools" : kind, k -> new int[2]);
            counts[0] += correct ? 1 : 0;
            counts[1]++;
        }
        Map<String, String> table = new LinkedHashMap<>();
        score.forEach((k, v) -> table.put(k, v[0] + "/" + v[1]));
        System.out.println("sov-tiny through the Java engine: " + table);

        assertThat(rate(score, "arith+2x2")).as("2-digit addition %s", table).isGreaterThanOrEqualTo(0.95);
        assertThat(rate(score, "arith-2x2")).as("2-digit subtraction %s", table).isGreaterThanOrEqualTo(0.95);
        assertThat(rate(score, "tool")).as("tool calls %s", table).isGreaterThanOrEqualTo(0.90);
        assertThat(rate(score, "notools")).as("no tools, no call %s", table).isEqualTo(1.0);
    }

    private static String complete(JsonNode userMessage, JsonNode tools) {
        List<Map<String, Object>> messages = List.of(JSON.convertValue(userMessage, new TypeReference<Map<String, Object>>() { }));
        List<Map<String, Object>> toolList = tools == null ? List.of()
                : JSON.convertValue(tools, new TypeReference<List<Map<String, Object>>>() { });
        String prompt = model.chatTemplate().render(messages, toolList, true, Map.of());
        int[] ids = model.tokenizer().encode(prompt, false, true);
        return model.tokenizer().decode(greedy(ids, 64));
    }

    private static int[] greedy(int[] prompt, int maxTokens) {
        ServingEngine.Result result = engine.generate(prompt, SamplingOptions.greedy(maxTokens)).join();
        assertThat(result.completion().error()).as("engine error").isNull();
        return result.tokens();
    }

    private static List<JsonNode> sample() throws IOException {
        List<JsonNode> items = new ArrayList<>();
        try (InputStream in = SovTinyEvaluationTest.class.getResourceAsStream("/sov-tiny/eval-sample.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    items.add(JSON.readTree(line));
                }
            }
        }
        return items;
    }

    private static double rate(Map<String, int[]> score, String kind) {
        int[] counts = score.get(kind);
        assertThat(counts).as("items of kind " + kind).isNotNull();
        return (double) counts[0] / counts[1];
    }

    private static int[] withoutFinalStop(int[] ids, Tokenizer tokenizer) {
        boolean stopped = ids.length > 0 && tokenizer.endOfGenerationTokens().contains(ids[ids.length - 1]);
        return stopped ? Arrays.copyOf(ids, ids.length - 1) : ids;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        Arrays.setAll(out, i -> array.get(i).asInt());
        return out;
    }
}
