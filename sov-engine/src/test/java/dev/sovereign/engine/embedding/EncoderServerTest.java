package dev.sovereign.engine.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.kernel.VectorKernels;
import dev.sovereign.engine.model.bert.BertEncoder;
import dev.sovereign.engine.model.bert.BertLoader;
import dev.sovereign.engine.model.bert.EncoderModel;
import dev.sovereign.engine.testmodel.BertTestModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoder's OpenAI server over real HTTP on loopback, serving bert-tiny (with a declared Matryoshka size). */
class EncoderServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static EncoderModel model;
    static EncoderServer server;

    @BeforeAll
    static void start() throws IOException {
        Path folder = BertTestModel.writeHf(dir, DType.F32);
        Path config = folder.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\"matryoshka_dimensions\": [16, 8],"));
        model = BertLoader.load(folder);
        server = new EncoderServer(model, "127.0.0.1", 0, "tiny-embed", 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void stringInputGivesTheModelsVectorAndUsage() throws Exception {
        JsonNode answer = ok("{\"model\":\"tiny-embed\",\"input\":\"the cat sat on the mat\"}");
        assertThat(answer.path("object").asText()).isEqualTo("list");
        assertThat(answer.path("model").asText()).isEqualTo("tiny-embed");
        float[] served = floats(answer.path("data").get(0).path("embedding"));
        int[] ids = model.tokenizer().encodeWithSpecials("the cat sat on the mat");
        assertThat(served).containsExactly(direct(ids));
        assertThat(norm(served)).isCloseTo(1.0, within(1e-5));
        assertThat(answer.path("usage").path("prompt_tokens").asInt()).isEqualTo(ids.length);
        assertThat(answer.path("usage").path("total_tokens").asInt()).isEqualTo(ids.length);
    }

    @Test
    void arraysOfStringsAndOfTokenIdsKeepTheirOrder() throws Exception {
        int[] ids = {2, 109, 110, 3};
        JsonNode answer = ok("{\"model\":\"tiny-embed\",\"input\":[\"hello world\",[2,109,110,3],\"dog\"]}");
        assertThat(answer.path("data")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(answer.path("data").get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(floats(answer.path("data").get(1).path("embedding"))).containsExactly(direct(ids));
        assertThat(floats(answer.path("data").get(0).path("embedding")))
                .containsExactly(direct(model.tokenizer().encodeWithSpecials("hello world")));
        JsonNode single = ok("{\"model\":\"tiny-embed\",\"input\":[2,109,110,3]}");
        assertThat(floats(single.path("data").get(0).path("embedding"))).containsExactly(direct(ids));
    }

    @Test
    void base64IsTheLittleEndianFloats() throws Exception {
        String body = "{\"model\":\"tiny-embed\",\"input\":\"hello world\",\"encoding_format\":\"%s\"}";
        float[] floats = floats(ok(body.formatted("float")).path("data").get(0).path("embedding"));
        byte[] bytes = Base64.getDecoder().decode(ok(body.formatted("base64")).path("data").get(0).path("embedding").asText());
        float[] decoded = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(floats);
    }

    @Test
    void declaredMatryoshkaSizesAreTheFirstValuesRenormalised() throws Exception {
        float[] full = floats(ok("{\"model\":\"tiny-embed\",\"input\":\"dog\"}").path("data").get(0).path("embedding"));
        float[] cut = floats(ok("{\"model\":\"tiny-embed\",\"input\":\"dog\",\"dimensions\":16}").path("data").get(0)
                .path("embedding"));
        assertThat(cut).hasSize(16);
        assertThat(norm(cut)).isCloseTo(1.0, within(1e-5));
        double scale = cut[0] / full[0];
        for (int d = 0; d < 16; d++) {
            assertThat((double) cut[d]).isCloseTo(full[d] * scale, within(1e-6));
        }
        assertThat(ok("{\"model\":\"tiny-embed\",\"input\":\"dog\",\"dimensions\":32}").path("data").get(0).path("embedding"))
                .hasSize(32);
    }

    @Test
    void badInputGetsAnErrorNamingTheField() throws Exception {
        assertError("{\"model\":\"tiny-embed\",\"input\":\"dog\",\"dimensions\":12}", "dimensions");
        assertError("{\"model\":\"tiny-embed\"}", "input");
        assertError("{\"model\":\"tiny-embed\",\"input\":[]}", "input");
        assertError("{\"model\":\"tiny-embed\",\"input\":[\"ok\", 5]}", "input[1]");
        assertError("{\"model\":\"tiny-embed\",\"input\":[[2,-1,3]]}", "input[0][1]");
        assertError("{\"model\":\"tiny-embed\",\"input\":\"dog\",\"encoding_format\":\"hex\"}", "encoding_format");
        assertError("{\"model\":\"tiny-embed\",\"input\":\"" + "dog ".repeat(BertTestModel.POSITIONS) + "\"}", "input");
        HttpResponse<String> unknown = post("/v1/embeddings", "{\"model\":\"other\",\"input\":\"dog\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("param").asText()).isEqualTo("model");
        HttpResponse<String> chat = post("/v1/chat/completions", "{\"model\":\"tiny-embed\",\"messages\":[]}");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(chat.body()).contains("embedding model");
    }

    @Test
    void concurrentRequestsGetTheirOwnVectors() throws Exception {
        List<String> texts = List.of("the cat", "the dog ran", "hello", "world embedding", "unable naive", "cafe token");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (String t : texts) {
                calls.add(HTTP.sendAsync(request("/v1/embeddings", "{\"model\":\"tiny-embed\",\"input\":\"" + t + "\"}"),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode answer = JSON.readTree(calls.get(i).get().body());
            String text = texts.get(i % texts.size());
            assertThat(floats(answer.path("data").get(0).path("embedding"))).as(text)
                    .containsExactly(direct(model.tokenizer().encodeWithSpecials(text)));
        }
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("vllm:num_requests_waiting{model_name=\"tiny-embed\"} 0");
    }

    private static float[] direct(int[] ids) {
        try (VectorKernels kernels = new VectorKernels(1)) {
            return model.embed(List.of(BertEncoder.Input.of(ids)), kernels)[0];
        }
    }

    private static JsonNode ok(String body) throws Exception {
        HttpResponse<String> response = post("/v1/embeddings", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void assertError(String body, String field) throws Exception {
        HttpResponse<String> response = post("/v1/embeddings", body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("param").asText()).as(body).isEqualTo(field);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }
}
