package dev.sovereign.engine.sovtiny;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the first hermes-style {@code <tool_call>{json}</tool_call>} of a completion, or null. */
final class HermesCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HermesCall() {
    }

    static JsonNode parse(String completion) {
        int start = completion.indexOf("<tool_call>");
        int end = completion.indexOf("</tool_call>", start + 1);
        if (start < 0 || end < 0) {
            return null;
        }
        try {
            return JSON.readTree(completion.substring(start + "<tool_call>".length(), end));
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
