package dev.sovereign.eval.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.eval.config.AssertionSpec;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.config.TestCase;
import dev.sovereign.eval.provider.ProviderResponse;

/**
 * Everything an assertion may look at: the assertion with its value already templated, the model's
 * response and its output as text, the rendered prompt, the test and the provider that answered.
 */
public record AssertionInput(
        AssertionSpec spec,
        JsonNode value,
        ProviderResponse response,
        String output,
        String prompt,
        TestCase test,
        ProviderSpec provider) {

    public boolean inverse() {
        return spec.inverse();
    }

    /** The value as text, failing with the assertion type named when it is not a string or number. */
    public String textValue() {
        if (value == null || !(value.isTextual() || value.isNumber()) || value.asText().isEmpty()) {
            throw new IllegalArgumentException("\"" + spec.writtenType() + "\" assertion type must have a string value");
        }
        return dev.sovereign.eval.template.JsValues.print(value);
    }
}
