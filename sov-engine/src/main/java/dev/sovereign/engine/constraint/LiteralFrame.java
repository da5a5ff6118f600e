package dev.sovereign.engine.constraint;

/**
 * Reads one of a sorted set of byte strings: the options sharing the {@code matched} bytes read so far are the
 * range [lo, hi), so the state is three ints however many options there are.
 */
record LiteralFrame(ValueShape.Literals literals, int lo, int hi, int matched) implements Frame {

    static Move first(ValueShape.Literals literals, int b) {
        return new LiteralFrame(literals, 0, literals.sorted.length, 0).step(b);
    }

    @Override
    public Move step(int b) {
        int[] range = Prefixes.narrow(literals.sorted, lo, hi, matched, b);
        if (range == null) {
            return Move.popIf(canEnd());
        }
        return Move.to(new LiteralFrame(literals, range[0], range[1], matched + 1));
    }

    @Override
    public boolean canEnd() {
        return literals.sorted[lo].length == matched;
    }
}
