package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sov-tiny behind the OpenAI server, over real HTTP on loopback. */
class OpenAiServerTest {

    static TestServer server;

    static final String TOOLS = """
            [{"type":"function","function":{"name":"book_meeting","description":"Book the meeting.",
              "parameters":{"type":"object","properties":{"currency":{"type":"string","description":"The currency."}},"required":["currency"]}}}]""";

    @BeforeAll
    static void start() {
        server = TestServer.standard();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chatAnswersWithTheModelsTemplate() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", """
                {"model":"sov-tiny","messages":[{"role":"user","content":"What is 23 + 45?"}],"temperature":0,"max_tokens":24}""");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(r);
        assertThat(body.at("/choices/0/message/content").asText()).contains("68");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
    }

    @Test
    void chatStreamsRoleChunkDeltasUsageAndDone() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"What is 23 + 45?"}],"temperature":0,"max_tokens":24,
                 "stream":true,"stream_options":{"include_usage":true}}""");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> data = dataLines(r.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data.subList(0, data.size() - 1)) {
            chunks.add(TestServer.JSON.readTree(d));
        }
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).contains("68");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void streamedChatCarriesLogprobsPerToken() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"What is 23 + 45?"}],"temperature":0,"max_tokens":6,
                 "stream":true,"logprobs":true,"top_logprobs":2,"stream_options":{"include_usage":true}}""");
        List<String> data = dataLines(r.body());
        int withLogprobs = 0;
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode lp = TestServer.JSON.readTree(d).at("/choices/0/logprobs/content/0");
            if (!lp.isMissingNode()) {
                withLogprobs++;
                assertThat(lp.get("logprob").asDouble()).isLessThanOrEqualTo(0);
                assertThat(lp.get("top_logprobs")).hasSize(2);
            }
        }
        assertThat(withLogprobs).isEqualTo(TestServer.JSON.readTree(data.get(data.size() - 2)).at("/usage/completion_tokens").asInt());
    }

    @Test
    void hermesToolCallBecomesToolCalls() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"Please book the meeting with currency JPY."}],
                 "tools":%s,"temperature":0,"max_tokens":48}""".formatted(TOOLS));
        JsonNode body = TestServer.json(r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = body.at("/choices/0/message/tool_calls/0");
        assertThat(call.at("/function/name").asText()).isEqualTo("book_meeting");
        assertThat(TestServer.JSON.readTree(call.at("/function/arguments").asText()).get("currency").asText()).isEqualTo("JPY");
    }

    @Test
    void toolChoiceNamedForcesTheCallAndNoneForbidsIt() throws Exception {
        String named = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"What is 2 + 2?"}],"tools":%s,"temperature":0,"max_tokens":32,
                 "tool_choice":{"type":"function","function":{"name":"book_meeting"}}}""".formatted(TOOLS)).body();
        assertThat(TestServer.JSON.readTree(named).at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("book_meeting");
        String none = server.post("/v1/chat/completions", """
                {"messages":[{"role":"user","content":"Please book the meeting with currency JPY."}],"tools":%s,
                 "temperature":0,"max_tokens":32,"tool_choice":"none"}""".formatted(TOOLS)).body();
        assertThat(TestServer.JSON.readTree(none).at("/choices/0/message/tool_calls").isMissingNode()).as(none).isTrue();
    }

    @Test
    void completionsTakeRawAndFimPrompts() throws Exception {
        JsonNode raw = TestServer.json(server.post("/v1/completions", """
                {"prompt":"<|im_start|>user\\nWhat is 23 + 45?<|im_end|>\\n<|im_start|>assistant\\n","temperature":0,"max_tokens":16,"logprobs":2}"""));
        assertThat(raw.at("/choices/0/text").asText()).contains("68");
        assertThat(raw.at("/choices/0/logprobs/tokens").size()).isEqualTo(raw.at("/usage/completion_tokens").asInt());
        assertThat(raw.at("/choices/0/logprobs/top_logprobs/0").size()).isEqualTo(2);
        JsonNode fim = TestServer.json(server.post("/tokenize", """
                {"prompt":"<|fim_prefix|>def f(x):<|fim_suffix|>\\n<|fim_middle|>","add_special_tokens":false}"""));
        JsonNode suffix = TestServer.json(server.post("/v1/completions", """
                {"prompt":"def f(x):","suffix":"\\n","temperature":0,"max_tokens":4}"""));
        assertThat(suffix.at("/usage/prompt_tokens").asInt()).isEqualTo(fim.get("count").asInt());
        assertThat(fim.get("tokens").get(0).asInt()).isEqualTo(4088);
    }

    @Test
    void tokenizeDetokenizeModelsHealth() throws Exception {
        JsonNode tokens = TestServer.json(server.post("/tokenize", "{\"prompt\":\"hello world\"}"));
        assertThat(tokens.get("max_model_len").asInt()).isEqualTo(512);
        JsonNode text = TestServer.json(server.post("/detokenize", "{\"tokens\":" + tokens.get("tokens") + "}"));
        assertThat(text.get("prompt").asText()).endsWith("hello world");
        assertThat(TestServer.json(server.get("/v1/models")).at("/data/0/id").asText()).isEqualTo("sov-tiny");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void prefixCacheHitsShowInUsageAndMetrics() throws Exception {
        String prompt = "Tell me about the numbers " + "one two three four five six seven eight nine ten ".repeat(6);
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}],\"temperature\":0,\"max_tokens\":4}";
        server.post("/v1/chat/completions", body);
        JsonNode second = TestServer.json(server.post("/v1/chat/completions", body));
        assertThat(second.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isGreaterThanOrEqualTo(64);
        String metrics = server.get("/metrics").body();
        assertThat(metric(metrics, "vllm:prefix_cache_hits_total{model_name=\"sov-tiny\"}")).isGreaterThanOrEqualTo(64);
        assertThat(metrics).contains("vllm:cache_config_info{model_name=\"sov-tiny\",block_size=\"16\"")
                .contains("vllm:time_to_first_token_seconds_bucket{model_name=\"sov-tiny\",le=\"+Inf\"}")
                .contains("vllm:request_success_total{model_name=\"sov-tiny\",finished_reason=\"length\"}")
                .contains("vllm:num_requests_running{model_name=\"sov-tiny\"} 0");
    }

    @Test
    void metricsShowAHalfPrecisionKvCache() throws Exception {
        String metrics = server.get("/metrics").body();
        var config = server.engine.model().config();
        long f16BytesPerToken = 2L * config.layers() * config.kvHeads() * config.headDim() * 2; // keys and values
        assertThat(metrics).containsPattern(
                "vllm:cache_config_info\\{model_name=\"sov-tiny\",block_size=\"16\",cache_dtype=\"float16\",num_gpu_blocks=\"\\d+\"} 1.0");
        assertThat(metric(metrics, "sov_engine_kv_cache_bytes_per_token{model_name=\"sov-tiny\"}"))
                .isEqualTo(f16BytesPerToken);
        // the 64 MiB budget of TestServer.standard() buys blocks at two bytes a value, twice what an F32 pool held
        double blocks = Double.parseDouble(metrics.replaceAll("(?s).*num_gpu_blocks=\"(\\d+)\".*", "$1"));
        assertThat(blocks).isEqualTo((double) ((64L << 20) / (f16BytesPerToken * 16)));
    }

    static double metric(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series);
    }

    static List<String> dataLines(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }
}
