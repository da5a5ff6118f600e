package dev.sovereign.engine.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.engine.model.bert.BertEncoder;
import dev.sovereign.engine.model.bert.EncoderModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code input} of an embeddings request as encoder inputs: a string, an array of strings, an array of token
 * ids, or an array of such arrays. Texts get {@code [CLS]} and {@code [SEP]}; token arrays are used as given (as vLLM
 * does), so they must carry them themselves.
 */
final class EmbeddingInputs {

    /** As OpenAI: at most this many inputs in one request. */
    static final int MAX_INPUTS = 2048;

    private EmbeddingInputs() {
    }

    static List<BertEncoder.Input> read(JsonNode input, EncoderModel model) {
        List<int[]> rows = new ArrayList<>();
        if (input.isTextual()) {
            rows.add(model.tokenizer().encodeWithSpecials(input.asText()));
        } else if (input.isArray() && !input.isEmpty() && input.get(0).isIntegralNumber()) {
            rows.add(ids(input, "input"));
        } else if (input.isArray() && !input.isEmpty()) {
            if (input.size() > MAX_INPUTS) {
                throw ApiErrors.invalidField("input", "at most " + MAX_INPUTS + " inputs per request, got " + input.size());
            }
            for (int i = 0; i < input.size(); i++) {
                JsonNode item = input.get(i);
                String field = "input[" + i + "]";
                if (item.isTextual()) {
                    rows.add(model.tokenizer().encodeWithSpecials(item.asText()));
                } else if (item.isArray() && !item.isEmpty()) {
                    rows.add(ids(item, field));
                } else {
                    throw ApiErrors.invalidField(field, "expected a string or a non-empty array of token ids");
                }
            }
        } else {
            throw ApiErrors.invalidField("input", "expected a string, an array of strings, or token id arrays (not empty)");
        }
        List<BertEncoder.Input> inputs = new ArrayList<>(rows.size());
        int limit = model.config().maxTokens();
        for (int i = 0; i < rows.size(); i++) {
            int[] ids = rows.get(i);
            if (ids.length > limit) {
                String field = input.isArray() && !input.get(0).isIntegralNumber() ? "input[" + i + "]" : "input";
                throw ApiErrors.invalidField(field, "this model's maximum input length is " + limit + " tokens, this input has "
                        + ids.length);
            }
            inputs.add(BertEncoder.Input.of(ids));
        }
        return inputs;
    }

    private static int[] ids(JsonNode array, String field) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = array.get(i);
            if (!id.isIntegralNumber() || id.asLong() < 0 || id.asLong() > Integer.MAX_VALUE) {
                throw ApiErrors.invalidField(field + "[" + i + "]", "expected a token id (a non-negative integer)");
            }
            ids[i] = id.asInt();
        }
        return ids;
    }
}
