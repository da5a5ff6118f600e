package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.constraint.TestSchemas;
import dev.sovereign.engine.runner.EngineSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Structured outputs through the real HTTP server: sov-tiny, a model never taught these schemas, sampled with
 * temperature and a seed per request, all requests in flight together (so sequences of different schemas share
 * batches), and every answer judged by networknt json-schema-validator.
 */
class StructuredOutputsTest {

    static TestServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Current weather in a city.",
              "parameters":{"type":"object","properties":{"city":{"type":"string","minLength":1,"maxLength":24},
                "unit":{"enum":["celsius","fahrenheit"]}},"required":["city"],"additionalProperties":false}}},
             {"type":"function","function":{"name":"book_meeting","description":"Book a meeting.",
              "parameters":{"type":"object","properties":{"title":{"type":"string","maxLength":30},
                "attendees":{"type":"array","items":{"type":"string","maxLength":20},"minItems":1,"maxItems":3},
                "minutes":{"type":"integer"}},"required":["title","attendees","minutes"],"additionalProperties":false}}},
             {"type":"function","function":{"name":"convert_currency","description":"Convert an amount.",
              "parameters":{"type":"object","properties":{"amount":{"type":"number"},
                "from":{"type":"string","enum":["EUR","USD","GBP"]},"to":{"type":"string","enum":["EUR","USD","GBP"]}},
                "required":["amount","from","to"]}}}]""";

    static final List<String> QUESTIONS = List.of("Describe a customer of our shop.", "What is the weather like in Oslo?",
            "Give me some data.", "Book a meeting with Ann and Bo for the budget.", "Tell me about the order.",
            "Convert 20 euros to dollars.", "Hello!", "What should I cook tonight?", "Who are you?", "List three cities.");

    @BeforeAll
    static void start() {
        server = new TestServer(EngineSettings.defaults("sov-tiny").withMaxModelLen(1024).withKvCacheBytes(256L << 20)
                .withThreads(2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonSchemaAnswersValidateHundredOfHundred() throws Exception {
        List<String> schemas = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String schema = TestSchemas.ALL.get(i % 3);
            schemas.add(schema);
            ObjectNode body = request(i);
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            format.putObject("json_schema").put("name", "answer").set("schema", TestSchemas.tree(schema));
            replies.add(post(body));
        }
        int valid = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
            HttpResponse<String> reply = replies.get(i).join();
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonNode choice = TestServer.json(reply).at("/choices/0");
            String content = choice.at("/message/content").asText();
            String violations = TestSchemas.violations(schemas.get(i), content);
            if (violations == null && "stop".equals(choice.path("finish_reason").asText())) {
                valid++;
            } else {
                failures.add(content + " -> " + violations + " (" + choice.path("finish_reason").asText() + ")");
            }
        }
        assertThat(failures).isEmpty();
        assertThat(valid).isEqualTo(replies.size());
    }

    @Test
    void toolChoiceRequiredCallsAnOfferedToolWithValidArgumentsHundredOfHundred() throws Exception {
        Map<String, JsonNode> parameters = new java.util.HashMap<>();
        TestServer.JSON.readTree(TOOLS).forEach(t -> parameters.put(t.at("/function/name").asText(), t.at("/function/parameters")));
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ObjectNode body = request(i);
            body.set("tools", TestServer.JSON.readTree(TOOLS));
            body.put("tool_choice", "required");
            replies.add(post(body));
        }
        List<String> failures = new ArrayList<>();
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (CompletableFuture<HttpResponse<String>> future : replies) {
            HttpResponse<String> reply = future.join();
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonNode choice = TestServer.json(reply).at("/choices/0");
            JsonNode call = choice.at("/message/tool_calls/0/function");
            String name = call.path("name").asText();
            JsonNode schema = parameters.get(name);
            String violations = schema == null ? "not an offered tool: " + reply.body()
                    : TestSchemas.violations(schema.toString(), call.path("arguments").asText());
            if (violations != null || !"tool_calls".equals(choice.path("finish_reason").asText())
                    || choice.at("/message/tool_calls").size() != 1) {
                failures.add(reply.body() + " -> " + violations);
            }
            named.add(name);
        }
        assertThat(failures).isEmpty();
        assertThat(named).as("the model still chooses the tool").hasSizeGreaterThan(1);
    }

    @Test
    void namedToolChoiceAndJsonObjectAreHeldToTheirGrammarsToo() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> objects = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode body = request(i);
            body.set("tools", TestServer.JSON.readTree(TOOLS));
            body.set("tool_choice", TestServer.JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"book_meeting\"}}"));
            calls.add(post(body));
            ObjectNode free = request(i).put("max_tokens", 120);
            free.putObject("response_format").put("type", "json_object");
            objects.add(post(free));
        }
        JsonNode bookMeeting = TestServer.JSON.readTree(TOOLS).get(1).at("/function/parameters");
        for (CompletableFuture<HttpResponse<String>> future : calls) {
            JsonNode call = TestServer.json(future.join()).at("/choices/0/message/tool_calls/0/function");
            assertThat(call.path("name").asText()).isEqualTo("book_meeting");
            assertThat(TestSchemas.violations(bookMeeting.toString(), call.path("arguments").asText())).isNull();
        }
        // json_object bounds nothing, so an answer may run to max_tokens; every one that ended must be an object
        int ended = 0;
        for (CompletableFuture<HttpResponse<String>> future : objects) {
            JsonNode choice = TestServer.json(future.join()).at("/choices/0");
            if ("stop".equals(choice.path("finish_reason").asText())) {
                assertThat(TestServer.JSON.readTree(choice.at("/message/content").asText()).isObject()).isTrue();
                ended++;
            }
        }
        assertThat(ended).isPositive();
    }

    @Test
    void streamedStructuredOutputIsTheSameDocument() throws Exception {
        ObjectNode body = request(7);
        body.putObject("response_format").put("type", "json_schema").putObject("json_schema").put("name", "p")
                .set("schema", TestSchemas.tree(TestSchemas.PERSON));
        String whole = TestServer.json(post(body).join()).at("/choices/0/message/content").asText();
        body.put("stream", true);
        StringBuilder streamed = new StringBuilder();
        for (String line : post(body).join().body().split("\n")) {
            if (line.startsWith("data: {")) {
                streamed.append(TestServer.JSON.readTree(line.substring(6)).at("/choices/0/delta/content").asText(""));
            }
        }
        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(TestSchemas.violations(TestSchemas.PERSON, whole)).isNull();
    }

    @Test
    void completionsTakeResponseFormatToo() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode body = TestServer.JSON.createObjectNode();
            body.put("prompt", "A customer record: ").put("temperature", 0.8).put("seed", i).put("max_tokens", 200);
            body.putObject("response_format").put("type", "json_schema").putObject("json_schema").put("name", "p")
                    .set("schema", TestSchemas.tree(TestSchemas.PERSON));
            replies.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.base() + "/v1/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> future : replies) {
            JsonNode choice = TestServer.json(future.join()).at("/choices/0");
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            assertThat(TestSchemas.violations(TestSchemas.PERSON, choice.path("text").asText())).isNull();
        }
    }

    private static ObjectNode request(int i) {
        ObjectNode body = TestServer.JSON.createObjectNode();
        body.putArray("messages").addObject().put("role", "user").put("content", QUESTIONS.get(i % QUESTIONS.size()));
        body.put("temperature", 0.8).put("seed", i).put("max_tokens", 300);
        return body;
    }

    private static CompletableFuture<HttpResponse<String>> post(ObjectNode body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.base() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
