package dev.sovereign.engine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.engine.runner.EngineSettings;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input of issue 4 answers in the OpenAI error shape naming the parameter, and the engine keeps serving. */
class BadInputTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(EngineSettings.defaults("sov-tiny").withMaxNumSeqs(4).withMaxModelLen(64).withKvCacheBytes(16L << 20).withThreads(2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prompt longer than max-model-len | /v1/completions | {"prompt":"%s"} | prompt
            max_tokens that cannot fit | /v1/completions | {"prompt":"hi","max_tokens":100} | max_tokens
            max_completion_tokens that cannot fit | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"max_completion_tokens":100} | max_completion_tokens
            chat prompt too long | /v1/chat/completions | {"messages":[{"role":"user","content":"%s"}]} | messages
            wrong type of temperature | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"temperature":"hot"} | temperature
            NaN temperature | /v1/completions | {"prompt":"hi","temperature":"NaN"} | temperature
            negative temperature | /v1/completions | {"prompt":"hi","temperature":-0.5} | temperature
            wrong type of messages | /v1/chat/completions | {"messages":"hi"} | messages
            missing messages | /v1/chat/completions | {"model":"sov-tiny"} | messages
            wrong type of max_tokens | /v1/completions | {"prompt":"hi","max_tokens":"ten"} | max_tokens
            stop list too long | /v1/completions | {"prompt":"hi","stop":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]} | stop
            top_p out of range | /v1/completions | {"prompt":"hi","top_p":1.5} | top_p
            wrong tool_choice | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"tool_choice":"maybe"} | tool_choice
            response_format json_schema without its object | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema"}} | response_format.json_schema
            response_format of an unknown type | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"yaml"}} | response_format.type
            schema keyword the constraint cannot enforce | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]+$"}}}}}} | response_format.json_schema.schema.properties.code.pattern
            tool parameters the constraint cannot enforce | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"n":{"type":"integer","minimum":1}}}}}],"tool_choice":"required"} | tools[0].function.parameters.properties.n.minimum
            schema keyword on completions | /v1/completions | {"prompt":"hi","response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","format":"email"}}}} | response_format.json_schema.schema.format
            token id outside the vocabulary | /v1/completions | {"prompt":[1,2,99999]} | prompt
            n of zero | /v1/completions | {"prompt":"hi","n":0} | n
            n above max-num-seqs | /v1/chat/completions | {"messages":[{"role":"user","content":"hi"}],"n":5} | n
            best_of below n | /v1/completions | {"prompt":"hi","n":3,"best_of":2} | best_of
            best_of above max-num-seqs | /v1/completions | {"prompt":"hi","best_of":5} | best_of
            best_of above n when streaming | /v1/completions | {"prompt":"hi","n":1,"best_of":2,"stream":true} | best_of
            """)
    void answersFourHundredNamingTheParameter(String name, String path, String body, String param) throws Exception {
        HttpResponse<String> r = server.post(path, body.replace("%s", "word ".repeat(100)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = TestServer.json(r).get("error");
        assertThat(error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).startsWith(param);
    }

    @Test
    void badJsonIsAFourHundred() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", "{\"messages\": [");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(r).at("/error/code").asText()).isEqualTo("invalid_json");
        assertThat(server.post("/v1/completions", "{\"prompt\":\"hi\",\"temperature\":NaN}").statusCode()).isEqualTo(400);
    }

    @Test
    void unknownModelNamesTheModel() throws Exception {
        HttpResponse<String> r = server.post("/v1/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(r).at("/error/param").asText()).isEqualTo("model");
    }

    @Test
    void engineStillServesAfterBadRequests() throws Exception {
        server.post("/v1/completions", "{\"prompt\":[1,2,99999]}");
        HttpResponse<String> ok = server.post("/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":3,\"temperature\":0}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(ok).at("/usage/completion_tokens").asInt()).isBetween(1, 3);
    }
}
