package de.kherud.llama;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Test-only shim: the llama.cpp server accepts a prompt as a JSON array of token ids, which the binding's public
 * API cannot express, so this sets the raw JSON value through the package-private parameter map.
 */
public final class TokenPrompt {

    private TokenPrompt() {
    }

    public static InferenceParameters of(int[] tokens) {
        InferenceParameters p = new InferenceParameters("");
        p.parameters.put("prompt", Arrays.stream(tokens).mapToObj(Integer::toString)
                .collect(Collectors.joining(",", "[", "]")));
        return p;
    }
}
