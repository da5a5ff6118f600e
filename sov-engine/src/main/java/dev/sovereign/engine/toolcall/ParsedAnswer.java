package dev.sovereign.engine.toolcall;

import java.util.ArrayList;
import java.util.List;

/** A whole answer's deltas put together: its content and its calls, as a non-streamed reply carries them. */
public record ParsedAnswer(String content, List<ParsedCall> calls) {

    public static ParsedAnswer of(List<ToolCallDelta> deltas) {
        StringBuilder content = new StringBuilder();
        List<String> names = new ArrayList<>();
        List<StringBuilder> arguments = new ArrayList<>();
        for (ToolCallDelta delta : deltas) {
            switch (delta) {
                case ToolCallDelta.Content c -> content.append(c.text());
                case ToolCallDelta.CallOpened o -> {
                    names.add(o.name());
                    arguments.add(new StringBuilder());
                }
                case ToolCallDelta.Arguments a -> arguments.get(a.index()).append(a.fragment());
            }
        }
        List<ParsedCall> calls = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            calls.add(new ParsedCall(names.get(i), arguments.get(i).toString()));
        }
        return new ParsedAnswer(content.toString(), calls);
    }

    /** Parses a whole text at once: the same deltas a stream of it would give, put together. */
    public static ParsedAnswer parse(ToolCallParser parser, String text) {
        List<ToolCallDelta> deltas = new ArrayList<>(parser.offer(text));
        deltas.addAll(parser.finish());
        return of(deltas);
    }
}
