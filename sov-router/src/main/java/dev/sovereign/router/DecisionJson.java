package dev.sovereign.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A decision as one JSON object, the format of {@code sov route --json} and of batch lines. */
public final class DecisionJson {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private DecisionJson() {
    }

    public static String of(Decision d) {
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write decision as JSON", e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
