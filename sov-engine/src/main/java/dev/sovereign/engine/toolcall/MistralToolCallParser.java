package dev.sovereign.engine.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code mistral} format: text, then {@code [TOOL_CALLS]} and the calls, in either of Mistral's spellings: a
 * JSON array {@code [{"name": ..., "arguments": {...}}, ...]} (tokenizers before v11, Mistral-7B-Instruct-v0.3), or
 * {@code name{...}} / {@code name[ARGS]{...}} / {@code name[CALL_ID]id[ARGS]{...}}, one marker per call (v11 and
 * later: Mistral Small 3.x, Devstral). A name that was not offered gives the call back as text.
 */
public final class MistralToolCallParser implements ToolCallParser {

    static final String MARKER = "[TOOL_CALLS]";
    static final String ARGS = "[ARGS]";
    static final String CALL_ID = "[CALL_ID]";
    private static final int LONGEST_NAME = 256;
    private static final Set<String> ARGUMENT_KEYS = Set.of("arguments", "parameters");

    private enum State { TEXT, AFTER_MARKER, ARRAY, NAMED }

    private final OfferedTools tools;
    private final StringBuilder buffer = new StringBuilder();
    private State state = State.TEXT;
    private JsonCallStream arrayCall;
    private NamedCall named;
    private int calls;

    public MistralToolCallParser(OfferedTools tools) {
        this.tools = tools;
    }

    @Override
    public List<ToolCallDelta> offer(String text) {
        buffer.append(text);
        List<ToolCallDelta> out = new ArrayList<>();
        while (step(out, false)) {
            // each step consumes what it can; false: it needs more text
        }
        return out;
    }

    @Override
    public List<ToolCallDelta> finish() {
        List<ToolCallDelta> out = new ArrayList<>();
        while (step(out, true)) {
            // as in offer, with nothing more to come
        }
        if (arrayCall != null && arrayCall.opened() || named != null && named.opened) {
            calls++;
        } else if (state == State.NAMED || state == State.AFTER_MARKER) {
            out.add(new ToolCallDelta.Content(MARKER + buffer));
            buffer.setLength(0);
        }
        if (!buffer.isEmpty()) {
            out.add(new ToolCallDelta.Content(buffer.toString()));
            buffer.setLength(0);
        }
        arrayCall = null;
        named = null;
        state = State.TEXT;
        return out;
    }

    private boolean step(List<ToolCallDelta> out, boolean complete) {
        return switch (state) {
            case TEXT -> text(out);
            case AFTER_MARKER -> afterMarker();
            case ARRAY -> array(out, complete);
            case NAMED -> named(out, complete);
        };
    }

    private boolean text(List<ToolCallDelta> out) {
        if (!Markers.contentUntil(buffer, MARKER, out)) {
            return false;
        }
        state = State.AFTER_MARKER;
        return true;
    }

    private boolean afterMarker() {
        int i = JsonScan.skipWhitespace(buffer, 0);
        if (i == buffer.length()) {
            return false;
        }
        if (buffer.charAt(i) == '[') {
            buffer.delete(0, i + 1);
            state = State.ARRAY;
        } else {
            named = new NamedCall(calls);
            state = State.NAMED;
        }
        return true;
    }

    private boolean array(List<ToolCallDelta> out, boolean complete) {
        if (arrayCall == null) {
            int i = 0;
            while (i < buffer.length() && (buffer.charAt(i) == ',' || Character.isWhitespace(buffer.charAt(i)))) {
                i++;
            }
            if (i == buffer.length()) {
                return false;
            }
            char c = buffer.charAt(i);
            buffer.delete(0, c == ']' ? i + 1 : i);
            if (c != '{') {
                state = State.TEXT;
                return true;
            }
            arrayCall = new JsonCallStream(tools, ARGUMENT_KEYS, calls);
        }
        out.addAll(arrayCall.advance(buffer, complete));
        int end = arrayCall.end();
        if (end == JsonScan.INCOMPLETE) {
            return false;
        }
        if (arrayCall.opened()) {
            calls++;
        } else if (end >= 0) {
            out.add(new ToolCallDelta.Content(buffer.substring(0, end)));
        }
        if (end == JsonScan.MALFORMED) {
            state = State.TEXT;
        } else {
            buffer.delete(0, end);
        }
        arrayCall = null;
        return true;
    }

    private boolean named(List<ToolCallDelta> out, boolean complete) {
        if (named.name == null && !named.readName(buffer)) {
            if (named.notAName) {
                out.add(new ToolCallDelta.Content(MARKER));
                named = null;
                state = State.TEXT;
                return true;
            }
            return false;
        }
        if (!named.opened && !named.rejected) {
            if (tools.offers(named.name)) {
                named.opened = true;
                out.add(new ToolCallDelta.CallOpened(named.index, named.name));
            } else {
                named.rejected = true;
            }
        }
        int end = JsonScan.valueEnd(buffer, named.argumentsStart);
        if (named.opened) {
            out.addAll(named.arguments.advance(buffer, named.argumentsStart, end));
        }
        if (end == JsonScan.INCOMPLETE) {
            return false;
        }
        if (named.opened) {
            calls++;
        } else {
            out.add(new ToolCallDelta.Content(MARKER + buffer.substring(0, Math.max(end, named.argumentsStart))));
        }
        if (end >= 0) {
            buffer.delete(0, end);
        } else if (!named.opened) {
            buffer.delete(0, named.argumentsStart);
        }
        named = null;
        state = State.TEXT;
        return true;
    }

    /** A call of the v11 spelling: its name, where its arguments start, and their stream. */
    private static final class NamedCall {
        final int index;
        final ArgumentsStream arguments;
        String name;
        int argumentsStart;
        boolean opened;
        boolean rejected;
        boolean notAName;

        NamedCall(int index) {
            this.index = index;
            this.arguments = new ArgumentsStream(index);
        }

        /** Reads {@code name}, an optional call id, and {@code [ARGS]}, up to the arguments' first character. */
        boolean readName(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '{' || c == '[') {
                    String rest = s.subSequence(i, s.length()).toString();
                    if (c == '{') {
                        return found(s, i, i);
                    }
                    if (rest.startsWith(ARGS)) {
                        return found(s, i, JsonScan.skipWhitespace(s, i + ARGS.length()));
                    }
                    if (rest.startsWith(CALL_ID)) {
                        int args = rest.indexOf(ARGS);
                        return args >= 0 && found(s, i, JsonScan.skipWhitespace(s, i + args + ARGS.length()));
                    }
                    notAName = !ARGS.startsWith(rest) && !CALL_ID.startsWith(rest);
                    return false;
                }
                if (Character.isWhitespace(c) && !s.subSequence(0, i).toString().isBlank() || i > LONGEST_NAME) {
                    notAName = true;
                    return false;
                }
            }
            return false;
        }

        private boolean found(CharSequence s, int nameEnd, int argumentsStart) {
            if (argumentsStart >= s.length()) {
                return false;
            }
            name = s.subSequence(0, nameEnd).toString().strip();
            this.argumentsStart = argumentsStart;
            if (name.isEmpty()) {
                notAName = true;
                name = null;
                return false;
            }
            return true;
        }
    }
}
