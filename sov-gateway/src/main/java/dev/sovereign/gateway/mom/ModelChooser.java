package dev.sovereign.gateway.mom;

import com.fasterxml.jackson.databind.JsonNode;
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
     * The choice for an OpenAI {@code messages} array. Throws an {@code ApiException} (403) when
     * the request must not be served at all (jailbreak, PII the model may not see).
     */
    Choice choose(String virtualModel, JsonNode messages);

    /**
     * The model to use, fields to merge into the request body, the response headers that explain
     * the choice, and the request's messages as the chooser rewrote them (null: unchanged).
     */
    record Choice(String model, Map<String, Object> bodyChanges, Map<String, String> headers, JsonNode messages) {
        public Choice {
            bodyChanges = bodyChanges == null ? Map.of() : Map.copyOf(bodyChanges);
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }
}
