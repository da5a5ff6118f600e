package dev.sovereign.gateway.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.openai.EmbeddingEncoding;
import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.support.Http;
import dev.sovereign.gateway.support.Settings;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.OnnxEncoder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sov-embed through a real gateway: auth, the router encoder's own vectors (bit for bit what the router computes for
 * the text), usage in the ledger, and errors naming the field.
 */
class RouterEmbeddingsTest {

    @TempDir
    static Path dir;
    static RouterEmbeddingServer server;
    static Gateway gateway;
    static Http http;

    @BeforeAll
    static void start() {
        server = RouterEmbeddingServer.start("127.0.0.1", RouterEmbeddings.MODEL);
        gateway = Gateway.start(new Settings(dir.resolve("usage.db")).backend(server.backend(RouterEmbeddings.MODEL))
                .build(), Optional.empty());
        http = new Http(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        server.close();
    }

    @Test
    void servedVectorsAreTheRoutersAndUsageIsCounted() {
        String[] texts = {"How do I reverse a linked list in Java?", "Quelle est la capitale de la France ?"};
        HttpResponse<String> denied = http.post("/v1/embeddings", null, "{\"model\":\"sov-embed\",\"input\":\"x\"}");
        assertThat(denied.statusCode()).isEqualTo(401);
        HttpResponse<String> response = http.post("/v1/embeddings", Settings.KEY,
                "{\"model\":\"sov-embed\",\"input\":[\"" + texts[0] + "\",\"" + texts[1] + "\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = Http.json(response);
        EncoderModels router = EncoderModels.shared();
        int tokens = 0;
        for (int i = 0; i < texts.length; i++) {
            IntList ids = router.tokenizer().encode(texts[i], OnnxEncoder.WINDOW - 2);
            tokens += ids.size() + 2;
            float[] expected = router.transformer().embed(ids);
            JsonNode served = answer.at("/data/" + i + "/embedding");
            assertThat(served).hasSize(OnnxEncoder.DIM);
            for (int d = 0; d < expected.length; d++) {
                assertThat((float) served.get(d).asDouble()).isEqualTo(expected[d]);
            }
        }
        assertThat(answer.at("/usage/prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(answer.at("/model").asText()).isEqualTo("sov-embed");

        JsonNode base64 = Http.json(http.post("/v1/embeddings", Settings.KEY,
                "{\"model\":\"sov-embed\",\"input\":\"" + texts[0] + "\",\"encoding_format\":\"base64\"}"));
        float[] decoded = EmbeddingEncoding.fromBase64(base64.at("/data/0/embedding").asText());
        assertThat(decoded).containsExactly(router.transformer().embed(router.tokenizer().encode(texts[0],
                OnnxEncoder.WINDOW - 2)));

        gateway.close(); // writes the ledger
        gateway = Gateway.start(new Settings(dir.resolve("usage.db")).backend(server.backend(RouterEmbeddings.MODEL))
                .build(), Optional.empty());
        http = new Http(gateway.port());
        JsonNode usage = Http.json(http.get("/admin/usage?model=sov-embed", Settings.ADMIN)).at("/data/0");
        assertThat(usage.get("requests").asLong()).isEqualTo(2);
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(tokens + base64.at("/usage/prompt_tokens").asLong());
        assertThat(usage.get("output_tokens").asLong()).isZero();
    }

    @Test
    void badInputGetsAnErrorNamingTheField() {
        assertError("{\"model\":\"sov-embed\",\"input\":\"x\",\"dimensions\":128}", "dimensions");
        assertError("{\"model\":\"sov-embed\",\"input\":[101, 2000, 102]}", "input");
        assertError("{\"model\":\"sov-embed\",\"input\":[\"a\", [1, 2]]}", "input[1]");
        assertError("{\"model\":\"sov-embed\",\"input\":[]}", "input");
    }

    private static void assertError(String body, String field) {
        HttpResponse<String> response = http.post("/v1/embeddings", Settings.KEY, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(Http.json(response).at("/error/param").asText()).as(body).isEqualTo(field);
    }
}
