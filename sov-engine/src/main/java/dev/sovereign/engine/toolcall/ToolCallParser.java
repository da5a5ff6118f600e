package dev.sovereign.engine.toolcall;

import java.util.List;

/**
 * One answer's tool-call format, fed its text as it is generated. Text that could still turn out to be part of a
 * call is held back until it is known; a call naming a function the request did not offer is given back as the
 * text the model wrote, as vLLM does, so a client never receives a call it cannot run.
 */
public interface ToolCallParser {

    /** The deltas this piece of text completes (possibly none: held back). */
    List<ToolCallDelta> offer(String text);

    /** The text has ended: whatever was held back, as content or as the end of an open call. */
    List<ToolCallDelta> finish();
}
