package dev.sovereign.gateway.mom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.api.error.ApiException;
import java.util.List;
import java.util.Map;

/**
 * Picks a concrete model for a request sent to a virtual model such as {@code MoM}. The
 * semantic router (module sov-router) stands behind it ({@link RouterChooser}); the gateway's
 * request path depends only on this seam.
 */
public interface ModelChooser {

    /** The virtual model names this chooser answers for, as listed in {@code /v1/models}. */
    List<String> virtualModels();

    /**
     * The choice for an OpenAI {@code messages} array. A request that must not be served at all
     * (jailbreak, PII the model may not see, a router failure when failing closed) gets a choice
     * whose {@link Choice#refusal()} is set, so its headers still explain why.
     */
    Choice choose(String virtualModel, JsonNode messages);

    /** The chooser's own metrics in Prometheus text format, appended to the gateway's /metrics. */
    default void writeMetrics(StringBuilder out) {
    }

    /**
     * The model to use, fields to merge into an OpenAI request body, the response headers that
     * explain the choice, the request's messages as the chooser rewrote them (null: unchanged),
     * what a request in another API needs to be rewritten the same way ({@link Rewrite}), and the
     * error to answer instead of serving the request (null: serve it).
     */
    record Choice(String model, Map<String, Object> bodyChanges, Map<String, String> headers, JsonNode messages,
                  Rewrite rewrite, ApiException refusal) {
        public Choice {
            bodyChanges = bodyChanges == null ? Map.of() : Map.copyOf(bodyChanges);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            rewrite = rewrite == null ? Rewrite.NONE : rewrite;
        }

        public Choice(String model, Map<String, Object> bodyChanges, Map<String, String> headers, JsonNode messages) {
            this(model, bodyChanges, headers, messages, Rewrite.NONE, null);
        }
    }

    /**
     * The decision's changes in API-neutral terms: text to replace wherever the client wrote it
     * (redacted PII: original → placeholder), a system prompt to put first, and the reasoning
     * switch (null: the decision says nothing).
     */
    record Rewrite(Map<String, String> replacements, String systemPrompt, Boolean reasoning) {
        public static final Rewrite NONE = new Rewrite(Map.of(), null, null);

        public Rewrite {
            replacements = replacements == null ? Map.of() : Map.copyOf(replacements);
        }
    }
}
