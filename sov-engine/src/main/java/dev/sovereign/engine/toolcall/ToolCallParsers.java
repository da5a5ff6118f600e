package dev.sovereign.engine.toolcall;

import java.util.List;

/** The tool-call formats by the names vLLM's {@code --tool-call-parser} gives them. */
public final class ToolCallParsers {

    public static final List<String> NAMES = List.of("hermes", "llama3_json", "mistral", "qwen3_coder");

    private ToolCallParsers() {
    }

    /** @throws IllegalArgumentException naming the flag, for a format this engine does not read */
    public static void check(String name) {
        if (name != null && !NAMES.contains(name)) {
            throw new IllegalArgumentException("--tool-call-parser: '" + name + "' is not supported (one of "
                    + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * @param insideCall the prompt itself opened a hermes call (tool_choice required or named): whatever the
     *                   model's own format, the rest of the answer is that call's JSON
     */
    public static ToolCallParser create(String name, OfferedTools tools, boolean insideCall) {
        check(name);
        if (insideCall) {
            return new HermesToolCallParser(tools, true);
        }
        return switch (name) {
            case "hermes" -> new HermesToolCallParser(tools, false);
            case "llama3_json" -> new Llama3JsonToolCallParser(tools);
            case "mistral" -> new MistralToolCallParser(tools);
            case "qwen3_coder" -> new Qwen3CoderToolCallParser(tools);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
