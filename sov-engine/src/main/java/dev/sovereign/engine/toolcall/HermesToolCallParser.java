package dev.sovereign.engine.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code hermes} format (Qwen2.5, Hermes, sov-tiny): {@code <tool_call>{"name": ..., "arguments": {...}}
 * </tool_call>}, any number of them, with text between. A call opens as soon as its name is read and its arguments
 * stream as they are written; a call whose name was not offered, or whose text is no call, is given back as text
 * when its closing tag comes. An unclosed call at the end still counts (models often stop before the tag).
 */
public final class HermesToolCallParser implements ToolCallParser {

    public static final String OPEN = "<tool_call>";
    public static final String CLOSE = "</tool_call>";
    private static final Set<String> ARGUMENT_KEYS = Set.of("arguments", "parameters");

    private final OfferedTools tools;
    private final StringBuilder buffer = new StringBuilder();
    private JsonCallStream call;
    private int calls;

    /** @param insideCall the prompt already opened a call (tool_choice required or named) */
    public HermesToolCallParser(OfferedTools tools, boolean insideCall) {
        this.tools = tools;
        if (insideCall) {
            call = new JsonCallStream(tools, ARGUMENT_KEYS, 0);
        }
    }

    @Override
    public List<ToolCallDelta> offer(String text) {
        buffer.append(text);
        List<ToolCallDelta> out = new ArrayList<>();
        while (true) {
            if (call != null) {
                int close = buffer.indexOf(CLOSE);
                if (close < 0) {
                    int visible = buffer.length() - Markers.partialAtEnd(buffer, CLOSE);
                    out.addAll(call.advance(buffer.subSequence(0, visible), false));
                    return out;
                }
                closeCall(buffer.substring(0, close), out);
                buffer.delete(0, close + CLOSE.length());
            } else {
                int open = buffer.indexOf(OPEN);
                int upTo = open >= 0 ? open : buffer.length() - Markers.partialAtEnd(buffer, OPEN);
                if (upTo > 0) {
                    out.add(new ToolCallDelta.Content(buffer.substring(0, upTo)));
                }
                if (open < 0) {
                    buffer.delete(0, upTo);
                    return out;
                }
                buffer.delete(0, open + OPEN.length());
                call = new JsonCallStream(tools, ARGUMENT_KEYS, calls);
            }
        }
    }

    @Override
    public List<ToolCallDelta> finish() {
        List<ToolCallDelta> out = new ArrayList<>();
        if (call != null) {
            String body = buffer.toString();
            out.addAll(call.advance(body, true));
            if (!call.opened()) {
                out.add(new ToolCallDelta.Content(OPEN + body));
            } else {
                calls++;
            }
            call = null;
        } else if (!buffer.isEmpty()) {
            out.add(new ToolCallDelta.Content(buffer.toString()));
        }
        buffer.setLength(0);
        return out;
    }

    private void closeCall(String body, List<ToolCallDelta> out) {
        out.addAll(call.advance(body, true));
        if (call.opened()) {
            calls++;
        } else {
            out.add(new ToolCallDelta.Content(OPEN + body + CLOSE));
        }
        call = null;
    }
}
