package dev.sovereign.engine.reasoning;

import java.util.List;

/**
 * Splits a thinking model's {@code <think>...</think>} from its answer as the text is generated, as vLLM's reasoning
 * parsers do: {@code qwen3} (Qwen3; thinking only when the answer opens a think block, or the prompt ends by opening one,
 * as Qwen3's thinking-only templates do) and {@code deepseek_r1} (DeepSeek-R1's template opens the block in the
 * prompt, so the answer is reasoning until {@code </think>}, whether or not it repeats {@code <think>}). A block never
 * closed (the answer ran out of tokens) is all reasoning, streamed or not. Text that could be the start of a tag is
 * held back until it is known.
 */
public final class ReasoningParser {

    public static final List<String> NAMES = List.of("qwen3", "deepseek_r1");
    static final String START = "<think>";
    static final String END = "</think>";

    /** What a piece of text turned into: reasoning, then answer (either may be empty). */
    public record Split(String reasoning, String content) {
    }

    private enum State { UNDECIDED, OPENING, REASONING, CONTENT }

    private final StringBuilder buffer = new StringBuilder();
    private State state;

    private ReasoningParser(State state) {
        this.state = state;
    }

    /** @throws IllegalArgumentException naming the flag, for a parser this engine does not have */
    public static void check(String name) {
        if (name != null && !NAMES.contains(name)) {
            throw new IllegalArgumentException("--reasoning-parser: '" + name + "' is not supported (one of "
                    + String.join(", ", NAMES) + ")");
        }
    }

    /**
     * @param prompt the rendered prompt: one that ends by opening a think block (DeepSeek-R1's template, Qwen3's
     *               thinking-only ones) puts the answer inside it; a tag in the conversation's text does not
     */
    public static ReasoningParser create(String name, String prompt) {
        check(name);
        boolean startsInside = prompt.stripTrailing().endsWith(START) || "deepseek_r1".equals(name);
        return new ReasoningParser(startsInside ? State.OPENING : State.UNDECIDED);
    }

    public Split offer(String text) {
        buffer.append(text);
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        while (step(reasoning, content, false)) {
            // each step consumes what it can
        }
        return new Split(reasoning.toString(), content.toString());
    }

    public Split finish() {
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        while (step(reasoning, content, true)) {
            // as in offer, with nothing more to come
        }
        (state == State.CONTENT || state == State.UNDECIDED ? content : reasoning).append(buffer);
        buffer.setLength(0);
        return new Split(reasoning.toString(), content.toString());
    }

    private boolean step(StringBuilder reasoning, StringBuilder content, boolean complete) {
        switch (state) {
            case UNDECIDED, OPENING -> {
                // a leading <think> (after whitespace) opens the block; without one, qwen3 answers directly
                String rest = buffer.toString().stripLeading();
                if (rest.startsWith(START)) {
                    buffer.delete(0, buffer.indexOf(START) + START.length());
                    state = State.REASONING;
                    return true;
                }
                if (!complete && (rest.isEmpty() || START.startsWith(rest))) {
                    return false;
                }
                state = state == State.OPENING ? State.REASONING : State.CONTENT;
                return true;
            }
            case REASONING -> {
                int end = buffer.indexOf(END);
                int upTo = end >= 0 ? end : buffer.length() - partialEnd();
                reasoning.append(buffer, 0, upTo);
                buffer.delete(0, end >= 0 ? end + END.length() : upTo);
                if (end >= 0) {
                    state = State.CONTENT;
                    return true;
                }
                return false;
            }
            default -> {
                content.append(buffer);
                buffer.setLength(0);
                return false;
            }
        }
    }

    private int partialEnd() {
        for (int len = Math.min(END.length() - 1, buffer.length()); len > 0; len--) {
            if (END.startsWith(buffer.substring(buffer.length() - len))) {
                return len;
            }
        }
        return 0;
    }
}
