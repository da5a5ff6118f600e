package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code n} and {@code best_of} through the real HTTP server, asked for by the official openai-java SDK where it has
 * the parameter: indexed choices, streamed chunks per index, usage of every choice, and best_of's ranking checked
 * against the log-probabilities the same seeded choices report.
 */
class ChoicesTest {

    static TestServer server;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = TestServer.standard();
        client = server.sdk();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatCompletionCreateParams.Builder chat() {
        return chat("What is 23 + 45?");
    }

    private static ChatCompletionCreateParams.Builder chat(String question) {
        return ChatCompletionCreateParams.builder().model("sov-tiny").addUserMessage(question).maxCompletionTokens(24);
    }

    @Test
    void greedyChatChoicesAreIndexedIdenticalAndCountedInUsage() {
        ChatCompletion one = client.chat().completions().create(chat().temperature(0.0).build());
        ChatCompletion three = client.chat().completions().create(chat().temperature(0.0).n(3).build());
        assertThat(three.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L, 2L);
        String answer = one.choices().getFirst().message().content().orElseThrow();
        assertThat(answer).contains("68");
        assertThat(three.choices()).allSatisfy(c -> assertThat(c.message().content()).hasValue(answer));
        long completionTokens = one.usage().orElseThrow().completionTokens();
        assertThat(three.usage().orElseThrow().completionTokens()).isEqualTo(3 * completionTokens);
        assertThat(three.usage().orElseThrow().promptTokens()).isEqualTo(one.usage().orElseThrow().promptTokens());
    }

    @Test
    void streamedSeededChoicesArriveByIndexAndEqualTheWholeAnswers() {
        // an open question at a high temperature, so the seeded choices take different paths
        ChatCompletionCreateParams params = chat("Tell me about your day.").temperature(1.5).seed(11).n(3).build();
        ChatCompletion whole = client.chat().completions().create(params);
        Map<Long, StringBuilder> texts = new TreeMap<>();
        Map<Long, String> finishes = new HashMap<>();
        long[] usage = {0};
        ChatCompletionCreateParams streamed = params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamed)) {
            stream.stream().forEach(chunk -> {
                chunk.choices().forEach(c -> {
                    c.delta().content().ifPresent(t -> texts.computeIfAbsent(c.index(), i -> new StringBuilder()).append(t));
                    c.finishReason().ifPresent(f -> finishes.put(c.index(), f.asString()));
                });
                chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
            });
        }
        assertThat(texts.keySet()).containsExactly(0L, 1L, 2L);
        assertThat(finishes.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L);
        for (ChatCompletion.Choice c : whole.choices()) {
            assertThat(texts.get(c.index()).toString()).as("choice %d", c.index()).isEqualTo(c.message().content().orElse(""));
        }
        assertThat(whole.choices().stream().map(c -> c.message().content().orElse("")).distinct().count())
                .as("seeded choices differ").isGreaterThan(1);
        assertThat(usage[0]).isEqualTo(whole.usage().orElseThrow().completionTokens());
    }

    private static CompletionCreateParams.Builder completion() {
        return CompletionCreateParams.builder().model("sov-tiny").prompt("The capital of France is").maxTokens(8)
                .temperature(1.0).seed(5).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true));
    }

    @Test
    void bestOfReturnsTheChoicesWithTheHighestCumulativeLogprobBestFirst() {
        // the same seeded request with n = 4 yields the four candidates best_of = 4 chooses from, with their logprobs
        Completion candidates = client.completions().create(completion().n(4).logprobs(0).build());
        List<CompletionChoice> ranked = new ArrayList<>(candidates.choices());
        ranked.sort(Comparator.comparingDouble(ChoicesTest::cumulativeLogprob).reversed());
        assertThat(cumulativeLogprob(ranked.get(0))).isGreaterThan(cumulativeLogprob(ranked.get(1)));

        Completion best = client.completions().create(completion().bestOf(4).build());
        assertThat(best.choices()).singleElement().extracting(CompletionChoice::text).isEqualTo(ranked.get(0).text());
        assertThat(best.usage().orElseThrow().completionTokens()).as("all four were generated").isEqualTo(4 * 8);

        Completion bestTwo = client.completions().create(completion().n(2).bestOf(4).build());
        assertThat(bestTwo.choices()).extracting(CompletionChoice::index).containsExactly(0L, 1L);
        assertThat(bestTwo.choices()).extracting(CompletionChoice::text)
                .containsExactly(ranked.get(0).text(), ranked.get(1).text());
    }

    private static double cumulativeLogprob(CompletionChoice choice) {
        return choice.logprobs().orElseThrow().tokenLogprobs().orElseThrow().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Test
    void streamedCompletionChoicesCarryTheirIndexAndOneFinishEach() throws Exception {
        HttpResponse<String> r = server.post("/v1/completions", """
                {"prompt":"The capital of France is","max_tokens":6,"n":2,"temperature":0,
                 "stream":true,"stream_options":{"include_usage":true}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = OpenAiServerTest.dataLines(r.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        Map<Integer, StringBuilder> texts = new TreeMap<>();
        Map<Integer, Integer> finishes = new HashMap<>();
        for (String d : data.subList(0, data.size() - 2)) {
            JsonNode choice = TestServer.JSON.readTree(d).at("/choices/0");
            int index = choice.get("index").asInt();
            texts.computeIfAbsent(index, i -> new StringBuilder()).append(choice.get("text").asText());
            if (choice.path("finish_reason").isTextual()) {
                finishes.merge(index, 1, Integer::sum);
            }
        }
        assertThat(texts.keySet()).containsExactly(0, 1);
        assertThat(texts.get(0).toString()).isNotEmpty().isEqualTo(texts.get(1).toString());
        assertThat(finishes).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 1));
        JsonNode usage = TestServer.JSON.readTree(data.get(data.size() - 2)).get("usage");
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void eachStreamedChoiceParsesItsOwnToolCall() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"Please book the meeting with currency JPY."}],
                 "tools":[{"type":"function","function":{"name":"book_meeting","description":"Book the meeting.",
                   "parameters":{"type":"object","properties":{"currency":{"type":"string"}},"required":["currency"]}}}],
                 "temperature":0,"max_tokens":48,"n":2,"stream":true}""");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> data = OpenAiServerTest.dataLines(r.body());
        Map<Integer, StringBuilder> names = new TreeMap<>();
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        Map<Integer, String> finishes = new HashMap<>();
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode choice = TestServer.JSON.readTree(d).at("/choices/0");
            int index = choice.get("index").asInt();
            for (JsonNode call : choice.at("/delta/tool_calls")) {
                names.computeIfAbsent(index, i -> new StringBuilder()).append(call.at("/function/name").asText(""));
                arguments.computeIfAbsent(index, i -> new StringBuilder()).append(call.at("/function/arguments").asText(""));
            }
            if (choice.path("finish_reason").isTextual()) {
                finishes.put(index, choice.get("finish_reason").asText());
            }
        }
        assertThat(names).containsOnlyKeys(0, 1).allSatisfy((i, name) -> assertThat(name.toString()).isEqualTo("book_meeting"));
        for (StringBuilder args : arguments.values()) {
            assertThat(TestServer.JSON.readTree(args.toString()).get("currency").asText()).isEqualTo("JPY");
        }
        assertThat(finishes).containsExactlyInAnyOrderEntriesOf(Map.of(0, "tool_calls", 1, "tool_calls"));
    }
}
