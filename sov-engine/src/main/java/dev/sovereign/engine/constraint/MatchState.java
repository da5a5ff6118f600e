package dev.sovereign.engine.constraint;

/**
 * Where the character-level matcher stands: an immutable stack of frames (a pushdown automaton, since JSON nests).
 * Equal stacks are equal states, so one state reached by two sequences shares one cached token mask.
 */
public final class MatchState {

    private final Frame top;
    private final MatchState below;
    private final int hash;

    MatchState(Frame top, MatchState below) {
        this.top = top;
        this.below = below;
        this.hash = 31 * (below == null ? 0 : below.hash) + top.hashCode();
    }

    /** The state after one more byte (0-255), or null when no valid document continues with it. */
    MatchState advance(int b) {
        Frame frame = top;
        MatchState rest = below;
        while (true) {
            Move move = frame.step(b);
            switch (move.kind()) {
                case REJECT -> {
                    return null;
                }
                case POP -> {
                    if (rest == null) {
                        return null;
                    }
                    frame = rest.top;
                    rest = rest.below;
                }
                case CONSUME -> {
                    MatchState next = move.self() == null ? rest : new MatchState(move.self(), rest);
                    return move.child() == null ? next : new MatchState(move.child(), next);
                }
                case DELEGATE -> {
                    rest = new MatchState(move.self(), rest);
                    frame = move.child();
                }
            }
        }
    }

    /** The state after all of {@code bytes}, or null. */
    MatchState advance(byte[] bytes) {
        MatchState state = this;
        for (int i = 0; i < bytes.length && state != null; i++) {
            state = state.advance(bytes[i] & 0xff);
        }
        return state;
    }

    /** A complete document: every frame above the bottom can end where it is, and so can the bottom. */
    boolean accepting() {
        for (MatchState s = this; s != null; s = s.below) {
            if (s.top instanceof EndFrame end) {
                return end.canEnd();
            }
            if (!s.top.canEnd()) {
                return false;
            }
        }
        return false;
    }

    /** Outside every JSON value: only the end, or the suffix, may follow. */
    boolean afterDocument() {
        return top instanceof EndFrame;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MatchState other) || other.hash != hash) {
            return false;
        }
        MatchState a = this;
        MatchState b = other;
        while (a != null && b != null) {
            if (a == b) {
                return true;
            }
            if (!a.top.equals(b.top)) {
                return false;
            }
            a = a.below;
            b = b.below;
        }
        return a == b;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
