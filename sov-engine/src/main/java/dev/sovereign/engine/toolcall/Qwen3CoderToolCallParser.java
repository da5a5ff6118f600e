package dev.sovereign.engine.toolcall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code qwen3_coder} format (Qwen3-Coder), XML-like so code in arguments needs no JSON escaping:
 * {@code <tool_call><function=NAME><parameter=P>value</parameter>...</function></tool_call>}. Values are plain text;
 * each becomes JSON by the type its parameter has in the tool's schema (string, integer, number, boolean, object,
 * array; a literal {@code null} is null), as vLLM converts them. Arguments stream a parameter at a time: a value is
 * only known to be whole at its closing tag.
 */
public final class Qwen3CoderToolCallParser extends TaggedToolCallParser {

    static final String FUNCTION = "<function=";
    static final String FUNCTION_END = "</function>";
    static final String PARAMETER = "<parameter=";
    static final String PARAMETER_END = "</parameter>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OfferedTools tools;

    public Qwen3CoderToolCallParser(OfferedTools tools) {
        this.tools = tools;
    }

    @Override
    Body newBody(int index) {
        return new Call(index);
    }

    /** One call's body, read again from its start as it grows; parameters already sent are counted. */
    private final class Call implements Body {
        private final int index;
        private boolean opened;
        private boolean rejected;
        private int parametersSent;
        private boolean argumentsClosed;

        Call(int index) {
            this.index = index;
        }

        @Override
        public boolean opened() {
            return opened;
        }

        @Override
        public List<ToolCallDelta> advance(CharSequence body, boolean complete) {
            List<ToolCallDelta> out = new ArrayList<>();
            String s = body.toString();
            int i = JsonScan.skipWhitespace(s, 0);
            if (!s.startsWith(FUNCTION, i)) {
                return out;
            }
            int nameEnd = s.indexOf('>', i);
            if (nameEnd < 0) {
                return out;
            }
            String name = s.substring(i + FUNCTION.length(), nameEnd).strip();
            if (!opened && !rejected) {
                if (tools.offers(name)) {
                    opened = true;
                    out.add(new ToolCallDelta.CallOpened(index, name));
                } else {
                    rejected = true;
                }
            }
            if (!opened || argumentsClosed) {
                return out;
            }
            int at = nameEnd + 1;
            int seen = 0;
            StringBuilder fragment = new StringBuilder();
            boolean functionEnded = false;
            while (true) {
                at = JsonScan.skipWhitespace(s, at);
                if (s.startsWith(FUNCTION_END, at)) {
                    functionEnded = true;
                    break;
                }
                if (!s.startsWith(PARAMETER, at)) {
                    break;
                }
                int parameterNameEnd = s.indexOf('>', at);
                if (parameterNameEnd < 0) {
                    break;
                }
                String parameter = s.substring(at + PARAMETER.length(), parameterNameEnd).strip();
                int valueEnd = valueEnd(s, parameterNameEnd + 1, complete);
                if (valueEnd < 0) {
                    break;
                }
                if (seen == parametersSent) {
                    String value = trimNewlines(s.substring(parameterNameEnd + 1, valueEnd));
                    fragment.append(parametersSent == 0 ? "{" : ", ").append(quoted(parameter)).append(": ")
                            .append(typed(name, parameter, value));
                    parametersSent++;
                }
                seen++;
                at = s.startsWith(PARAMETER_END, valueEnd) ? valueEnd + PARAMETER_END.length() : valueEnd;
            }
            if (functionEnded || complete) {
                fragment.append(parametersSent == 0 ? "{}" : "}");
                argumentsClosed = true;
            }
            if (!fragment.isEmpty()) {
                out.add(new ToolCallDelta.Arguments(index, fragment.toString()));
            }
            return out;
        }

        /** A value ends at its closing tag, or (a tag the model forgot) where the next parameter or the function ends. */
        private static int valueEnd(String s, int from, boolean complete) {
            int end = -1;
            for (String tag : List.of(PARAMETER_END, PARAMETER, FUNCTION_END)) {
                int at = s.indexOf(tag, from);
                if (at >= 0 && (end < 0 || at < end)) {
                    end = at;
                }
            }
            return end >= 0 ? end : complete ? s.length() : -1;
        }
    }

    private static String trimNewlines(String value) {
        String v = value.startsWith("\n") ? value.substring(1) : value;
        return v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
    }

    private String typed(String function, String parameter, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode node = nodes.textNode(value);
        String type = tools.typeOf(function, parameter).toLowerCase(Locale.ROOT);
        String v = value.strip();
        if (v.equalsIgnoreCase("null")) {
            node = nodes.nullNode();
        } else if (type.equals("integer") || type.equals("int")) {
            try {
                node = nodes.numberNode(Long.parseLong(v));
            } catch (NumberFormatException e) {
                // not an integer after all: kept as the text the model wrote
            }
        } else if (type.equals("number") || type.equals("float")) {
            try {
                node = nodes.numberNode(new BigDecimal(v));
            } catch (NumberFormatException e) {
                // as above
            }
        } else if (type.equals("boolean") || type.equals("bool")) {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                node = nodes.booleanNode(v.equalsIgnoreCase("true"));
            }
        } else if (type.equals("object") || type.equals("array")) {
            try {
                node = JSON.readTree(v);
            } catch (JsonProcessingException e) {
                // as above
            }
        }
        return write(node);
    }

    private static String quoted(String text) {
        return write(JsonNodeFactory.instance.textNode(text));
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
