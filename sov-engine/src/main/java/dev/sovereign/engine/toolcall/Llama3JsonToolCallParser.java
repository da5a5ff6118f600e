package dev.sovereign.engine.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code llama3_json} format (Llama 3.1/3.2/3.3 with JSON tool calling): the whole answer is the call(s),
 * {@code {"name": ..., "parameters": {...}}}, several separated by {@code ;}, optionally after
 * {@code <|python_tag|>}. An answer that starts with anything else is plain content, as vLLM decides it; so is an
 * object that names no offered function, and any text after the last object.
 */
public final class Llama3JsonToolCallParser implements ToolCallParser {

    static final String PYTHON_TAG = "<|python_tag|>";
    private static final Set<String> ARGUMENT_KEYS = Set.of("parameters", "arguments");

    private enum State { UNDECIDED, CALLS, CONTENT }

    private final OfferedTools tools;
    private final StringBuilder buffer = new StringBuilder();
    private State state = State.UNDECIDED;
    private JsonCallStream call;
    private int calls;

    public Llama3JsonToolCallParser(OfferedTools tools) {
        this.tools = tools;
    }

    @Override
    public List<ToolCallDelta> offer(String text) {
        buffer.append(text);
        List<ToolCallDelta> out = new ArrayList<>();
        if (state == State.UNDECIDED) {
            decide();
        }
        if (state == State.CALLS) {
            advance(out, false);
        }
        if (state == State.CONTENT) {
            flushContent(out);
        }
        return out;
    }

    @Override
    public List<ToolCallDelta> finish() {
        List<ToolCallDelta> out = new ArrayList<>();
        if (state == State.CALLS) {
            advance(out, true);
            if (call != null) {
                String body = buffer.toString();
                if (!call.opened()) {
                    out.add(new ToolCallDelta.Content(body));
                } else {
                    calls++;
                }
                call = null;
                buffer.setLength(0);
            }
        }
        flushContent(out);
        return out;
    }

    /** Calls only when the answer opens with one: leading whitespace is skipped, the python tag dropped. */
    private void decide() {
        int i = JsonScan.skipWhitespace(buffer, 0);
        if (i == buffer.length()) {
            return;
        }
        String rest = buffer.substring(i);
        if (rest.startsWith(PYTHON_TAG)) {
            buffer.delete(0, i + PYTHON_TAG.length());
            state = State.CALLS;
        } else if (PYTHON_TAG.startsWith(rest)) {
            return;
        } else if (rest.charAt(0) == '{') {
            buffer.delete(0, i);
            state = State.CALLS;
        } else {
            state = State.CONTENT;
        }
    }

    private void advance(List<ToolCallDelta> out, boolean complete) {
        while (true) {
            if (call == null) {
                int i = JsonScan.skipWhitespace(buffer, 0);
                while (i < buffer.length() && (buffer.charAt(i) == ';' || Character.isWhitespace(buffer.charAt(i)))) {
                    i++;
                }
                if (i == buffer.length()) {
                    return;
                }
                if (buffer.charAt(i) != '{') {
                    state = State.CONTENT;
                    return;
                }
                buffer.delete(0, i);
                call = new JsonCallStream(tools, ARGUMENT_KEYS, calls);
            }
            out.addAll(call.advance(buffer, complete));
            int end = call.end();
            if (end == JsonScan.INCOMPLETE) {
                return;
            }
            if (end == JsonScan.MALFORMED) {
                // not a call after all: what is left is text
                if (call.opened()) {
                    calls++;
                }
                call = null;
                state = State.CONTENT;
                return;
            }
            if (call.opened()) {
                calls++;
            } else {
                out.add(new ToolCallDelta.Content(buffer.substring(0, end)));
            }
            buffer.delete(0, end);
            call = null;
        }
    }

    private void flushContent(List<ToolCallDelta> out) {
        if (!buffer.isEmpty()) {
            out.add(new ToolCallDelta.Content(buffer.toString()));
            buffer.setLength(0);
        }
    }
}
