package dev.sovereign.engine.toolcall;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One call written as a JSON object, {@code {"name": ..., "arguments": {...}}} (hermes, llama3_json, Mistral's
 * array), read while it grows: once its name is known and offered the call is opened, then its arguments stream.
 * The text is scanned again from its start each time; a call is a few hundred characters.
 */
final class JsonCallStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OfferedTools tools;
    private final Set<String> argumentKeys;
    private final int index;
    private final ArgumentsStream arguments;
    private boolean opened;
    private boolean rejected;
    private int end = JsonScan.INCOMPLETE;

    JsonCallStream(OfferedTools tools, Set<String> argumentKeys, int index) {
        this.tools = tools;
        this.argumentKeys = argumentKeys;
        this.index = index;
        this.arguments = new ArgumentsStream(index);
    }

    /** The call was opened: it counts, whatever follows. */
    boolean opened() {
        return opened;
    }

    /** The index just past the object, incomplete, or malformed (the text is no call). */
    int end() {
        return end;
    }

    /**
     * @param text     the call's text so far, from its opening brace (leading whitespace allowed)
     * @param complete no more text will come (the closing tag was seen, or the output ended)
     */
    List<ToolCallDelta> advance(CharSequence text, boolean complete) {
        Scan scan = scan(text);
        end = scan.end;
        List<ToolCallDelta> out = new ArrayList<>();
        if (!opened && !rejected && scan.name != null) {
            if (tools.offers(scan.name)) {
                opened = true;
                out.add(new ToolCallDelta.CallOpened(index, scan.name));
            } else {
                rejected = true;
            }
        }
        if (!opened) {
            return out;
        }
        if (scan.argumentsStart >= 0) {
            out.addAll(arguments.advance(text, scan.argumentsStart, scan.argumentsEnd));
        } else if (complete || end >= 0) {
            out.addAll(arguments.none());
        }
        return out;
    }

    private record Scan(String name, int argumentsStart, int argumentsEnd, int end) {
    }

    private Scan scan(CharSequence s) {
        String name = null;
        int argumentsStart = -1;
        int argumentsEnd = JsonScan.INCOMPLETE;
        int i = JsonScan.skipWhitespace(s, 0);
        if (i == s.length()) {
            return new Scan(null, -1, argumentsEnd, JsonScan.INCOMPLETE);
        }
        if (s.charAt(i) != '{') {
            return new Scan(null, -1, argumentsEnd, JsonScan.MALFORMED);
        }
        i++;
        while (true) {
            i = JsonScan.skipWhitespace(s, i);
            if (i == s.length()) {
                return new Scan(name, argumentsStart, argumentsEnd, JsonScan.INCOMPLETE);
            }
            char c = s.charAt(i);
            if (c == '}') {
                return new Scan(name, argumentsStart, argumentsEnd, i + 1);
            }
            if (c == ',') {
                i++;
                continue;
            }
            int keyEnd = c == '"' ? JsonScan.stringEnd(s, i) : JsonScan.MALFORMED;
            if (keyEnd < 0) {
                return new Scan(name, argumentsStart, argumentsEnd, keyEnd);
            }
            String key = string(s.subSequence(i, keyEnd));
            i = JsonScan.skipWhitespace(s, keyEnd);
            if (i == s.length()) {
                return new Scan(name, argumentsStart, argumentsEnd, JsonScan.INCOMPLETE);
            }
            if (s.charAt(i) != ':') {
                return new Scan(name, argumentsStart, argumentsEnd, JsonScan.MALFORMED);
            }
            i = JsonScan.skipWhitespace(s, i + 1);
            int valueEnd = JsonScan.valueEnd(s, i);
            if ("name".equals(key) && valueEnd >= 0 && s.charAt(i) == '"') {
                name = string(s.subSequence(i, valueEnd));
            } else if (argumentKeys.contains(key) && argumentsStart < 0 && i < s.length()) {
                argumentsStart = i;
                argumentsEnd = valueEnd;
            }
            if (valueEnd < 0) {
                return new Scan(name, argumentsStart, argumentsEnd, valueEnd);
            }
            i = valueEnd;
        }
    }

    private static String string(CharSequence quoted) {
        try {
            return JSON.readValue(quoted.toString(), String.class);
        } catch (IOException e) {
            return null;
        }
    }
}
