package dev.sovereign.engine.toolcall;

/** Where a format's marker (a tag such as {@code <tool_call>}) may be starting at the end of text still growing. */
final class Markers {

    private Markers() {
    }

    /** The length of the longest end of {@code text} that begins {@code marker}: text to hold back. */
    static int partialAtEnd(CharSequence text, String marker) {
        for (int len = Math.min(marker.length() - 1, text.length()); len > 0; len--) {
            boolean match = true;
            for (int k = 0; k < len && match; k++) {
                match = text.charAt(text.length() - len + k) == marker.charAt(k);
            }
            if (match) {
                return len;
            }
        }
        return 0;
    }

    /**
     * Sends the text before {@code marker} as content and drops it, marker included. Without the marker, sends all but
     * what may be its start and says false.
     */
    static boolean contentUntil(StringBuilder buffer, String marker, java.util.List<ToolCallDelta> out) {
        int at = buffer.indexOf(marker);
        int upTo = at >= 0 ? at : buffer.length() - partialAtEnd(buffer, marker);
        if (upTo > 0) {
            out.add(new ToolCallDelta.Content(buffer.substring(0, upTo)));
        }
        buffer.delete(0, at >= 0 ? at + marker.length() : upTo);
        return at >= 0;
    }
}
