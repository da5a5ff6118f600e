package dev.sovereign.engine.constraint;

/**
 * Reads a hermes tool call, {@code {"name": "NAME", "arguments": ARGS}}: one of the heads (the text up to the
 * arguments, one per offered tool, prefix-free because each ends after the quoted name), then the arguments of that
 * tool's schema, then the closing brace.
 */
record CallFrame(ToolCalls calls, int lo, int hi, int matched, int chosen, int spaces) implements Frame {

    /** The offered tools: heads sorted as unsigned bytes, each with the shape of its arguments. */
    static final class ToolCalls {
        final byte[][] heads;
        final ValueShape[] arguments;

        ToolCalls(byte[][] heads, ValueShape[] arguments) {
            this.heads = heads;
            this.arguments = arguments;
        }
    }

    static CallFrame start(ToolCalls calls) {
        return new CallFrame(calls, 0, calls.heads.length, 0, -1, 0);
    }

    @Override
    public Move step(int b) {
        if (chosen >= 0) {
            if (b == ' ' && spaces < MAX_SPACES) {
                return Move.to(new CallFrame(calls, lo, hi, matched, chosen, spaces + 1));
            }
            return b == '}' ? Move.CLOSED : Move.REJECTED;
        }
        if (calls.heads[lo].length == matched) {
            return Move.delegate(new CallFrame(calls, lo, hi, matched, lo, 0), new ValueFrame(calls.arguments[lo], 0));
        }
        int[] range = Prefixes.narrow(calls.heads, lo, hi, matched, b);
        return range == null ? Move.REJECTED : Move.to(new CallFrame(calls, range[0], range[1], matched + 1, -1, 0));
    }

    @Override
    public boolean canEnd() {
        return false;
    }
}
