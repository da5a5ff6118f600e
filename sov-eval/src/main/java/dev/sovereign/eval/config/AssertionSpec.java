package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code assert} entry: its base type (without {@code not-}), whether it is negated, the raw value
 * (templated later), the optional threshold, weight (default 1), named metric, grader provider and
 * rubric prompt. {@code raw} keeps the entry as written, for the JSON results.
 */
public record AssertionSpec(
        String type,
        boolean inverse,
        JsonNode value,
        Double threshold,
        double weight,
        String metric,
        ProviderSpec provider,
        String rubricPrompt,
        ObjectNode raw) {

    /** The type as the user wrote it, {@code not-} prefix included. */
    public String writtenType() {
        return inverse ? "not-" + type : type;
    }
}
