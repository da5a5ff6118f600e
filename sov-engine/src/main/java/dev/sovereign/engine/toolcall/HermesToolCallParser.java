package dev.sovereign.engine.toolcall;

import java.util.List;
import java.util.Set;

/**
 * The {@code hermes} format (Qwen2.5, Hermes, sov-tiny): {@code <tool_call>{"name": ..., "arguments": {...}}
 * </tool_call>}, any number of them, with text between. A call opens as soon as its name is read and its arguments
 * stream as they are written.
 */
public final class HermesToolCallParser extends TaggedToolCallParser {

    public static final String OPEN = TaggedToolCallParser.OPEN;
    public static final String CLOSE = TaggedToolCallParser.CLOSE;
    private static final Set<String> ARGUMENT_KEYS = Set.of("arguments", "parameters");

    private final OfferedTools tools;

    /** @param insideCall the prompt already opened a call (tool_choice required or named) */
    public HermesToolCallParser(OfferedTools tools, boolean insideCall) {
        this.tools = tools;
        if (insideCall) {
            startInsideCall();
        }
    }

    @Override
    Body newBody(int index) {
        JsonCallStream call = new JsonCallStream(tools, ARGUMENT_KEYS, index);
        return new Body() {
            @Override
            public List<ToolCallDelta> advance(CharSequence body, boolean complete) {
                return call.advance(body, complete);
            }

            @Override
            public boolean opened() {
                return call.opened();
            }
        };
    }
}
