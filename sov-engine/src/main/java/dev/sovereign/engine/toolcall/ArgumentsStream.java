package dev.sovereign.engine.toolcall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Streams one call's arguments as the model writes them. An object (or array) goes out as its own text, a fragment
 * per piece, so the fragments joined are exactly what the model wrote; arguments written as a JSON string (some
 * models quote them) can only be decoded whole, so they go out in one fragment when the string ends.
 */
final class ArgumentsStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private int emitted;
    private boolean done;

    ArgumentsStream(int index) {
        this.index = index;
    }

    boolean done() {
        return done;
    }

    /**
     * @param text  the text holding the value, as far as it has been written
     * @param start the index of the value's first character
     * @param end   {@link JsonScan#valueEnd} of it: the index past it, or incomplete
     */
    List<ToolCallDelta> advance(CharSequence text, int start, int end) {
        if (done || start >= text.length()) {
            return List.of();
        }
        char first = text.charAt(start);
        if (first == '{' || first == '[') {
            int upTo = end >= 0 ? end : text.length();
            done = end >= 0;
            if (upTo <= start + emitted) {
                return List.of();
            }
            String fragment = text.subSequence(start + emitted, upTo).toString();
            emitted = upTo - start;
            return List.of(new ToolCallDelta.Arguments(index, fragment));
        }
        if (end < 0) {
            return List.of();
        }
        done = true;
        return List.of(new ToolCallDelta.Arguments(index, decoded(text.subSequence(start, end).toString())));
    }

    /** The call ended without arguments: an empty object, as OpenAI sends for a function without parameters. */
    List<ToolCallDelta> none() {
        if (done || emitted > 0) {
            return List.of();
        }
        done = true;
        return List.of(new ToolCallDelta.Arguments(index, "{}"));
    }

    private static String decoded(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node.isTextual() ? node.asText() : node.isNull() ? "{}" : value;
        } catch (IOException e) {
            return value;
        }
    }
}
