package dev.sovereign.engine.toolcall;

/**
 * What a piece of generated text turned into, in the order it was written: plain content, the start of a call (its
 * index among this answer's calls and the function's name), or a fragment of a call's arguments. A call's fragments
 * joined are its arguments, a JSON document; a client sees them as {@code delta.tool_calls[].function.arguments}.
 */
public sealed interface ToolCallDelta {

    record Content(String text) implements ToolCallDelta {
    }

    record CallOpened(int index, String name) implements ToolCallDelta {
    }

    record Arguments(int index, String fragment) implements ToolCallDelta {
    }
}
