package dev.sovereign.engine.toolcall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code hermes} tool-call format (Qwen, Hermes, sov-tiny): {@code <tool_call>{"name": ..., "arguments": {...}}
 * </tool_call>}. Fed text as it is generated, it separates plain content from calls; text that could be the start of
 * an opening tag is held back until it is known not to be one. A call naming a function that was not offered is
 * given back as the text the model wrote, as vLLM does: a client must never receive a call it cannot run.
 */
public final class HermesToolCallParser {

    public static final String OPEN = "<tool_call>";
    public static final String CLOSE = "</tool_call>";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one piece of text turned into: content to show, and calls completed by it. */
    public record Output(String content, List<ParsedCall> calls) {
    }

    private final StringBuilder buffer = new StringBuilder();
    private final Set<String> offered;
    private boolean inCall;

    /**
     * @param insideCall the prompt already opened a call (tool_choice required or named)
     * @param offered    the names of the request's tools: only these become calls
     */
    public HermesToolCallParser(boolean insideCall, Set<String> offered) {
        this.inCall = insideCall;
        this.offered = Set.copyOf(offered);
    }

    /** Parses a whole completion at once. */
    public static Output parseAll(String text, boolean insideCall, Set<String> offered) {
        HermesToolCallParser parser = new HermesToolCallParser(insideCall, offered);
        Output first = parser.offer(text);
        Output rest = parser.finish();
        List<ParsedCall> calls = new ArrayList<>(first.calls());
        calls.addAll(rest.calls());
        return new Output(first.content() + rest.content(), calls);
    }

    public Output offer(String text) {
        buffer.append(text);
        StringBuilder content = new StringBuilder();
        List<ParsedCall> calls = new ArrayList<>();
        while (true) {
            if (inCall) {
                int end = buffer.indexOf(CLOSE);
                if (end < 0) {
                    break;
                }
                ParsedCall call = parse(buffer.substring(0, end));
                if (call != null) {
                    calls.add(call);
                } else {
                    content.append(OPEN).append(buffer, 0, end + CLOSE.length());
                }
                buffer.delete(0, end + CLOSE.length());
                inCall = false;
            } else {
                int start = buffer.indexOf(OPEN);
                if (start < 0) {
                    int keep = partialOpen();
                    content.append(buffer, 0, buffer.length() - keep);
                    buffer.delete(0, buffer.length() - keep);
                    break;
                }
                content.append(buffer, 0, start);
                buffer.delete(0, start + OPEN.length());
                inCall = true;
            }
        }
        return new Output(content.toString(), calls);
    }

    /** Ends the text: an unclosed call whose JSON is complete still counts (models often stop before the tag). */
    public Output finish() {
        String rest = buffer.toString();
        buffer.setLength(0);
        if (inCall) {
            inCall = false;
            ParsedCall call = parse(rest);
            return call != null ? new Output("", List.of(call)) : new Output(OPEN + rest, List.of());
        }
        return new Output(rest, List.of());
    }

    private int partialOpen() {
        for (int len = Math.min(OPEN.length() - 1, buffer.length()); len > 0; len--) {
            if (buffer.substring(buffer.length() - len).equals(OPEN.substring(0, len))) {
                return len;
            }
        }
        return 0;
    }

    private ParsedCall parse(String json) {
        try {
            JsonNode node = JSON.readTree(json.strip());
            if (node == null || !node.isObject() || !node.path("name").isTextual() || !offered.contains(node.get("name").asText())) {
                return null;
            }
            JsonNode arguments = node.get("arguments");
            String args = arguments == null || arguments.isNull() ? "{}"
                    : arguments.isTextual() ? arguments.asText() : JSON.writeValueAsString(arguments);
            return new ParsedCall(node.get("name").asText(), args);
        } catch (IOException e) {
            return null;
        }
    }
}
