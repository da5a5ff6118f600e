package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One test after {@code defaultTest} has been merged in: its vars, assertions, metadata, options,
 * optional test-level threshold and provider override. {@code index} is its position in the suite
 * (0-based), {@code raw} the merged entry for the JSON results.
 */
public record TestCase(
        int index,
        String description,
        ObjectNode vars,
        List<AssertionSpec> asserts,
        ObjectNode metadata,
        ObjectNode options,
        Double threshold,
        ProviderSpec provider,
        ProviderSpec grader,
        ObjectNode raw) {
}
