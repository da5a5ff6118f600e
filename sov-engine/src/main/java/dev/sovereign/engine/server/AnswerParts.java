package dev.sovereign.engine.server;

import dev.sovereign.engine.reasoning.ReasoningParser;
import dev.sovereign.engine.toolcall.ToolCallDelta;
import dev.sovereign.engine.toolcall.ToolCallParser;
import java.util.ArrayList;
import java.util.List;

/**
 * One chat answer's text turned, as it is generated, into what the reply carries: reasoning first (when the server
 * has a reasoning parser), then the answer, in which tool calls are found (when the request may get calls). Only the
 * answer is searched for calls, as vLLM does: a call the model considers while thinking is not a call.
 */
final class AnswerParts {

    /** What a piece of text turned into. */
    record Parts(String reasoning, List<ToolCallDelta> deltas) {
    }

    private final ReasoningParser reasoning;
    private final ToolCallParser tools;

    /** Either parser may be null. */
    AnswerParts(ReasoningParser reasoning, ToolCallParser tools) {
        this.reasoning = reasoning;
        this.tools = tools;
    }

    Parts offer(String text) {
        if (reasoning == null) {
            return new Parts("", answer(text, false));
        }
        ReasoningParser.Split split = reasoning.offer(text);
        return new Parts(split.reasoning(), answer(split.content(), false));
    }

    Parts finish() {
        if (reasoning == null) {
            return new Parts("", answer("", true));
        }
        ReasoningParser.Split split = reasoning.finish();
        return new Parts(split.reasoning(), answer(split.content(), true));
    }

    /** A whole text at once: the same parts its stream gives, joined. */
    Parts whole(String text) {
        Parts first = offer(text);
        Parts rest = finish();
        List<ToolCallDelta> deltas = new ArrayList<>(first.deltas());
        deltas.addAll(rest.deltas());
        return new Parts(first.reasoning() + rest.reasoning(), deltas);
    }

    private List<ToolCallDelta> answer(String text, boolean end) {
        if (tools == null) {
            return text.isEmpty() ? List.of() : List.of(new ToolCallDelta.Content(text));
        }
        if (!end) {
            return tools.offer(text);
        }
        List<ToolCallDelta> out = new ArrayList<>(tools.offer(text));
        out.addAll(tools.finish());
        return out;
    }
}
