package dev.sovereign.api.openai;

/**
 * A tool call in a message, or a fragment of one in a stream delta ({@code index} set, other
 * fields only where they change). {@code arguments} is a JSON string, as OpenAI sends it.
 */
public record ToolCall(Integer index, String id, String type, FunctionCall function) {

    public record FunctionCall(String name, String arguments) {
    }

    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }
}
