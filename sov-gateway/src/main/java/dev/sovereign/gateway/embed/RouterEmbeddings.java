package dev.sovereign.gateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.openai.EmbeddingsAnswer;
import dev.sovereign.api.openai.EmbeddingRequest;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.OnnxEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/embeddings} answered by the router's own MiniLM (all-MiniLM-L6-v2, int8 ONNX): the same tokenizer, the
 * same ONNX Runtime session and the same pooling the router's transformer mode uses, so a served vector is the vector
 * the router computes for that text (ADR 0141). Like sentence-transformers with this model, text past the model's
 * 256-token window is cut off; usage counts the tokens encoded, [CLS] and [SEP] included.
 */
public final class RouterEmbeddings {

    /** The name {@code sov serve} serves it under. */
    public static final String MODEL = "sov-embed";
    static final int MAX_INPUTS = 2048;

    private final EncoderModels models;
    private final String servedName;

    public RouterEmbeddings(EncoderModels models, String servedName) {
        this.models = models;
        this.servedName = servedName;
    }

    public ObjectNode answer(ObjectNode body) {
        EmbeddingRequest request = RequestReader.bind(body, EmbeddingRequest.class);
        if (request.dimensions() != null && request.dimensions() != OnnxEncoder.DIM) {
            throw ApiErrors.invalidField("dimensions", "this model gives " + OnnxEncoder.DIM
                    + "-dimensional vectors and declares no shorter (Matryoshka) sizes");
        }
        List<String> texts = texts(request.input());
        OnnxEncoder encoder = models.transformer();
        EmbeddingsAnswer answer = new EmbeddingsAnswer(request.encodingFormat());
        int tokens = 0;
        for (String text : texts) {
            IntList ids = models.tokenizer().encode(text, OnnxEncoder.WINDOW - 2);
            answer.add(encoder.embed(ids));
            tokens += Math.min(ids.size(), OnnxEncoder.WINDOW - 2) + 2;
        }
        return answer.finish(servedName, tokens);
    }

    /** Strings only: token ids would be the router's WordPiece ids, which no client has reason to know. */
    private static List<String> texts(JsonNode input) {
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray() || input.isEmpty()) {
            throw ApiErrors.invalidField("input", "expected a string or a non-empty array of strings");
        }
        if (input.size() > MAX_INPUTS) {
            throw ApiErrors.invalidField("input", "at most " + MAX_INPUTS + " inputs per request, got " + input.size());
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            if (!input.get(i).isTextual()) {
                throw ApiErrors.invalidField(i == 0 && input.get(0).isNumber() ? "input" : "input[" + i + "]",
                        MODEL + " takes text, not token ids");
            }
            texts.add(input.get(i).asText());
        }
        return texts;
    }
}
