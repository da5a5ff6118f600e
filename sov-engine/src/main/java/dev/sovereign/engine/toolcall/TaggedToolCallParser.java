package dev.sovereign.engine.toolcall;

import java.util.ArrayList;
import java.util.List;

/**
 * The framing of formats whose calls stand between {@code <tool_call>} and {@code </tool_call>} (hermes, qwen3_coder):
 * text outside the tags is content, text that may be a tag starting is held back, and each call's body is handed to
 * the format as it grows. A body that never opened a call (its name was not offered, or it is no call) is given back
 * as the text the model wrote, tags included; an unclosed call at the end still counts.
 */
abstract class TaggedToolCallParser implements ToolCallParser {

    static final String OPEN = "<tool_call>";
    static final String CLOSE = "</tool_call>";

    /** One call's body, read as it grows. */
    interface Body {
        /** @param complete no more of the body will come */
        List<ToolCallDelta> advance(CharSequence body, boolean complete);

        boolean opened();
    }

    private final StringBuilder buffer = new StringBuilder();
    private Body call;
    private int calls;

    /** A new call's body, the {@code index}th call of the answer if it opens. */
    abstract Body newBody(int index);

    /** The prompt already opened a call: the answer starts inside its body. */
    final void startInsideCall() {
        call = newBody(0);
    }

    @Override
    public final List<ToolCallDelta> offer(String text) {
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
                end(buffer.substring(0, close), CLOSE, out);
                buffer.delete(0, close + CLOSE.length());
            } else {
                if (!Markers.contentUntil(buffer, OPEN, out)) {
                    return out;
                }
                call = newBody(calls);
            }
        }
    }

    @Override
    public final List<ToolCallDelta> finish() {
        List<ToolCallDelta> out = new ArrayList<>();
        if (call != null) {
            end(buffer.toString(), "", out);
        } else if (!buffer.isEmpty()) {
            out.add(new ToolCallDelta.Content(buffer.toString()));
        }
        buffer.setLength(0);
        return out;
    }

    private void end(String body, String closeTag, List<ToolCallDelta> out) {
        out.addAll(call.advance(body, true));
        if (call.opened()) {
            calls++;
        } else {
            out.add(new ToolCallDelta.Content(OPEN + body + closeTag));
        }
        call = null;
    }
}
