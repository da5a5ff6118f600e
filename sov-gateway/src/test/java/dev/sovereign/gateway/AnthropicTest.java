package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.json.WireJson;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.support.FakeUpstream;
import dev.sovereign.gateway.support.OneUpstreamFixture;
import dev.sovereign.gateway.support.Settings;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code /v1/messages} translated to and from an OpenAI backend, streamed and not, with tools. */
class AnthropicTest extends OneUpstreamFixture {

    static final String TOOL_REQUEST = """
            {"model":"qwen","max_tokens":64,"system":[{"type":"text","text":"be brief"}],
             "tools":[{"name":"get_weather","description":"weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
             "tool_choice":{"type":"any"},
             "messages":[{"role":"user","content":"weather in Paris?"},
                         {"role":"assistant","content":[{"type":"text","text":"checking"},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Rome"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},{"type":"text","text":"and Paris?"}]}]%s}""";

    @Override
    protected Settings configure(Settings settings) {
        return settings.backend("up", upstream, "qwen");
    }

    @Test
    void requestIsTranslatedToOpenAiWithToolsAndHistory() {
        upstream.toolCall = true;
        HttpResponse<String> response = http.post("/v1/messages", null, TOOL_REQUEST.formatted(""), "x-api-key", Settings.KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = upstream.received.getLast().body();
        assertThat(sent.at("/messages/0").toString()).isEqualTo("{\"role\":\"system\",\"content\":\"be brief\"}");
        assertThat(sent.at("/messages/2/tool_calls/0/function/arguments").asText()).isEqualTo("{\"city\":\"Rome\"}");
        assertThat(sent.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/messages/3/tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(sent.at("/messages/4/content").asText()).isEqualTo("and Paris?");
        assertThat(sent.at("/tools/0/function/parameters/properties/city/type").asText()).isEqualTo("string");
        assertThat(sent.get("tool_choice").asText()).isEqualTo("required");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);

        JsonNode message = Http.json(response);
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(message.at("/content/0/input/city").asText()).isEqualTo("Paris");
        assertThat(message.at("/usage/output_tokens").asInt()).isEqualTo(7);
        assertThat(message.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void streamFollowsTheAnthropicEventSequence() throws Exception {
        upstream.words = 3;
        List<String[]> events = events(http.stream("/v1/messages", Settings.KEY,
                "{\"model\":\"qwen\",\"max_tokens\":20,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        List<String> names = events.stream().map(e -> e[0]).toList();
        assertThat(names).containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        for (String[] e : events) {
            if (e[0].equals("content_block_delta")) {
                text.append(WireJson.mapper().readTree(e[1]).at("/delta/text").asText());
            }
        }
        assertThat(text.toString()).isEqualTo("w0 w1 w2 ");
        JsonNode delta = WireJson.mapper().readTree(events.get(6)[1]);
        assertThat(delta.at("/delta/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.at("/usage/output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void streamedToolCallBecomesAToolUseBlockWithJsonDeltas() throws Exception {
        upstream.toolCall = true;
        List<String[]> events = events(http.stream("/v1/messages", Settings.KEY, TOOL_REQUEST.formatted(",\"stream\":true")));
        StringBuilder json = new StringBuilder();
        String blockType = null;
        for (String[] e : events) {
            JsonNode data = WireJson.mapper().readTree(e[1]);
            if (e[0].equals("content_block_start")) {
                blockType = data.at("/content_block/type").asText();
                assertThat(data.at("/content_block/name").asText()).isEqualTo("get_weather");
            }
            if (e[0].equals("content_block_delta")) {
                json.append(data.at("/delta/partial_json").asText());
            }
        }
        assertThat(blockType).isEqualTo("tool_use");
        assertThat(WireJson.mapper().readTree(json.toString()).get("city").asText()).isEqualTo("Paris");
        assertThat(events.get(events.size() - 2)[1]).contains("\"stop_reason\":\"tool_use\"");
    }

    @Test
    void countTokensAsksTheBackendAndErrorsUseTheAnthropicShape() {
        HttpResponse<String> counted = http.post("/v1/messages/count_tokens", Settings.KEY,
                "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(Http.json(counted).get("input_tokens").asInt()).isEqualTo(11);

        HttpResponse<String> bad = http.post("/v1/messages", Settings.KEY, "{\"model\":\"qwen\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("type").asText()).isEqualTo("error");
        assertThat(Http.json(bad).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(Http.json(bad).at("/error/message").asText()).contains("max_tokens");
        HttpResponse<String> unknown = http.post("/v1/messages", Settings.KEY,
                "{\"model\":\"claude-9\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).at("/error/type").asText()).isEqualTo("not_found_error");
    }

    @Test
    void nativeAnthropicBackendGetsTheBodyAsIsWithItsOwnKeyAndUsageIsCounted() throws Exception {
        try (FakeUpstream anthropic = new FakeUpstream("claude");
             Gateway own = Gateway.start(new Settings(dir.resolve("native.db")).backend(new BackendSettings("anthropic",
                     List.of(anthropic.uri()), "sk-ant-upstream", "anthropic", List.of("claude-x"), Duration.ofSeconds(5),
                     Map.of(), false)).build(), Optional.empty())) {
            Http client = new Http(own.port());
            HttpResponse<String> whole = client.post("/v1/messages", Settings.KEY,
                    "{\"model\":\"claude-x\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
            assertThat(Http.json(whole).at("/content/0/text").asText()).isEqualTo("native claude");
            FakeUpstream.Received received = anthropic.received.getFirst();
            assertThat(received.path()).isEqualTo("/v1/messages");
            assertThat(received.headers().get("x-api-key")).isEqualTo("sk-ant-upstream");
            assertThat(received.headers()).doesNotContainKey("authorization");
            assertThat(received.headers().get("anthropic-version")).isNotBlank();
            assertThat(received.body().get("max_tokens").asInt()).isEqualTo(20);

            List<String[]> events = events(client.stream("/v1/messages", Settings.KEY,
                    "{\"model\":\"claude-x\",\"max_tokens\":20,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            assertThat(events).extracting(e -> e[0]).containsExactly("message_start", "content_block_start", "content_block_delta",
                    "content_block_delta", "content_block_stop", "message_delta", "message_stop");
            var totals = own.ledger().totals("alice", "claude-x", null, null).getFirst();
            assertThat(totals.requests()).isEqualTo(2);
            assertThat(totals.inputTokens()).isEqualTo(18);
            assertThat(totals.outputTokens()).isEqualTo(4);
        }
    }

    static List<String[]> events(HttpResponse<java.io.InputStream> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> events = new ArrayList<>();
        try (var reader = new dev.sovereign.api.sse.SseReader(response.body())) {
            for (var e = reader.next(); e != null; e = reader.next()) {
                events.add(new String[] {e.event(), e.data()});
            }
        }
        return events;
    }
}
