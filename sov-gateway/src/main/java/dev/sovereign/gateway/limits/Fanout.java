package dev.sovereign.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.api.error.ApiErrors;

/**
 * How many sequences one request makes the backend generate, each up to its {@code max_tokens}:
 * {@code n} answers (or {@code best_of} candidates, of which n are returned) for every prompt of
 * a completions batch. A budget must reserve for all of them, not for one.
 */
public final class Fanout {

    private Fanout() {
    }

    /** Sequences a chat or completions body asks for; 400 naming the field when n or best_of is not a positive integer. */
    public static int sequences(ObjectNode body) {
        long n = positive(body, "n");
        long bestOf = positive(body, "best_of");
        if (bestOf > 1 && bestOf < n) {
            throw ApiErrors.invalidField("best_of", "must be at least n (" + n + "), got " + bestOf);
        }
        long prompts = promptCount(body.get("prompt"));
        long total = Math.max(n, bestOf) * prompts;
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static long positive(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return 1;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || !value.canConvertToInt()) {
            throw ApiErrors.invalidField(field, "must be a positive integer, got " + value);
        }
        return value.asLong();
    }

    /** A completions prompt may be a batch: a list of strings, or a list of token lists. */
    private static long promptCount(JsonNode prompt) {
        if (prompt == null || !prompt.isArray() || prompt.isEmpty()) {
            return 1;
        }
        boolean batch = prompt.get(0).isTextual() || prompt.get(0).isArray();
        return batch ? prompt.size() : 1;
    }
}
