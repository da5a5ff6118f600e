package dev.sovereign.engine.embedding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.json.RequestReader;
import dev.sovereign.api.openai.EmbeddingsAnswer;
import dev.sovereign.api.openai.EmbeddingRequest;
import dev.sovereign.engine.model.bert.BertConfig;
import dev.sovereign.engine.model.bert.BertEncoder;
import dev.sovereign.engine.model.bert.EncoderModel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/embeddings} for an encoder model, in OpenAI's shape: float or base64 (little-endian float32)
 * vectors, {@code dimensions} where the model declares Matryoshka sizes (the first values, renormalised), and
 * usage counting every input token, [CLS] and [SEP] included.
 */
final class EmbeddingsHandler {

    private final EncoderModel model;
    private final String servedName;
    private final EmbeddingBatcher batcher;
    private final AtomicLong promptTokens = new AtomicLong();

    EmbeddingsHandler(EncoderModel model, String servedName, EmbeddingBatcher batcher) {
        this.model = model;
        this.servedName = servedName;
        this.batcher = batcher;
    }

    long promptTokens() {
        return promptTokens.get();
    }

    ObjectNode handle(ObjectNode body) {
        EmbeddingRequest request = RequestReader.bind(body, EmbeddingRequest.class);
        if (request.model() != null && !request.model().equals(servedName)) {
            throw ApiErrors.modelNotFound(request.model()); // absent is accepted, as vLLM does
        }
        int size = outputSize(request.dimensions(), model.config());
        List<BertEncoder.Input> inputs = EmbeddingInputs.read(request.input(), model);
        float[][] vectors;
        try {
            vectors = batcher.submit(inputs).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.internal("interrupted while embedding");
        } catch (ExecutionException e) {
            throw ApiErrors.internal("the encoder failed: " + e.getCause().getMessage());
        }
        EmbeddingsAnswer answer = new EmbeddingsAnswer(request.encodingFormat());
        int tokens = 0;
        for (int i = 0; i < vectors.length; i++) {
            answer.add(size == vectors[i].length ? vectors[i] : EncoderModel.normalized(vectors[i], size));
            tokens += inputs.get(i).ids().length;
        }
        promptTokens.addAndGet(tokens);
        return answer.finish(servedName, tokens);
    }

    /**
     * The model's full size, or a Matryoshka size it declares: cutting a vector a model was not trained to cut gives
     * a worse vector with no warning, so other sizes are refused.
     */
    static int outputSize(Integer dimensions, BertConfig config) {
        if (dimensions == null || dimensions == config.hidden()) {
            return config.hidden();
        }
        if (config.matryoshka().contains(dimensions)) {
            return dimensions;
        }
        throw ApiErrors.invalidField("dimensions", config.matryoshka().isEmpty()
                ? "this model gives " + config.hidden() + "-dimensional vectors and declares no shorter (Matryoshka) sizes"
                : "this model gives " + config.hidden() + " dimensions, or one of " + config.matryoshka() + "; not "
                        + dimensions);
    }
}
