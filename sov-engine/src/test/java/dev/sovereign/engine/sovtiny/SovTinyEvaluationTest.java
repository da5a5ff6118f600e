package dev.sovereign.engine.sovtiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    private static SovTinyChat chat;

    @BeforeAll
    static void load() {
        chat = new SovTinyChat();
    }

    @AfterAll
    static void close() {
        chat.close();
    }

    @Test
    void greedyTokensEqualPyTorchs() throws IOException {
        JsonNode report = SovTinyChat.JSON.readTree(SovTinyChat.MODEL.resolve("training_report.json").toFile());
        Tokenizer tokenizer = chat.model.tokenizer();
        for (JsonNode reference : report.get("greedy_reference")) {
            int[] expectedPrompt = ints(reference.get("prompt_ids"));
            assertThat(tokenizer.encode(reference.get("prompt").asText(), false, true))
                    .as("tokenization of %s", reference.get("prompt").asText()).containsExactly(expectedPrompt);
            // PyTorch's output ends with the stop token it stopped on; the engine reports tokens before it.
            int[] expected = withoutFinalStop(ints(reference.get("greedy_ids")), tokenizer);
            assertThat(chat.greedy(expectedPrompt, 32)).as("greedy continuation of %s", reference.get("prompt").asText())
                    .containsExactly(expected);
        }
    }

    @Test
    void heldOutSampleMeetsTheTargets() throws IOException {
        Map<String, int[]> score = new TreeMap<>();
        for (JsonNode item : SovTinyChat.resource("eval-sample.jsonl")) {
            String kind = item.get("kind").asText();
            boolean tools = kind.equals("tool");
            JsonNode question = SovTinyChat.JSON.createArrayNode().add(item.get("messages").get(0));
            String answer = chat.complete(question, tools ? item.get("tools") : null, 64);
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
