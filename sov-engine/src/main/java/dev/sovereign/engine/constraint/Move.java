package dev.sovereign.engine.constraint;

/**
 * What a frame does with one byte: rejects it, is complete and leaves the byte to the frame below ({@code POP}),
 * consumes it (replaced by {@code self}, or removed when null, with {@code child} pushed on top when given), or
 * hands it to a new {@code child} pushed above its own next state ({@code DELEGATE}).
 */
record Move(Kind kind, Frame self, Frame child) {

    enum Kind { REJECT, POP, CONSUME, DELEGATE }

    static final Move REJECTED = new Move(Kind.REJECT, null, null);
    static final Move POPPED = new Move(Kind.POP, null, null);
    static final Move CLOSED = new Move(Kind.CONSUME, null, null);

    static Move to(Frame self) {
        return new Move(Kind.CONSUME, self, null);
    }

    static Move push(Frame self, Frame child) {
        return new Move(Kind.CONSUME, self, child);
    }

    static Move delegate(Frame self, Frame child) {
        return new Move(Kind.DELEGATE, self, child);
    }

    /** A complete frame gives the byte to the one below; an incomplete one cannot take it. */
    static Move popIf(boolean complete) {
        return complete ? POPPED : REJECTED;
    }
}
