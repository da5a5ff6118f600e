package dev.sovereign.engine.constraint;

/**
 * One sequence's place in its grammar, stepped by the engine loop: before each draw {@link #mask} leaves only the
 * tokens that can continue a valid document, after it {@link #accept} moves on. Sequences batched together each
 * hold their own guide; guides of one schema share its automaton and its cache of masks.
 */
public final class TokenGuide {

    private final TokenAutomaton automaton;
    private MatchState state;

    TokenGuide(TokenAutomaton automaton) {
        this.automaton = automaton;
        this.state = automaton.start();
    }

    /** Sets every logit the grammar does not allow here to negative infinity (ids past the vocabulary included). */
    public void mask(float[] logits) {
        long[] allowed = automaton.allowed(state);
        int words = allowed.length;
        for (int i = 0; i < logits.length; i++) {
            int word = i >>> 6;
            if (word >= words || (allowed[word] & (1L << i)) == 0) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Moves past the chosen token, which {@link #mask} allowed. */
    public void accept(int token) {
        MatchState next = automaton.advance(state, token);
        if (next == null) {
            throw new IllegalStateException("token " + token + " does not continue the constrained document");
        }
        state = next;
    }

    /** The document is complete and nothing but its end may follow: the sequence can stop without another step. */
    public boolean finished() {
        return automaton.onlyEnd(state);
    }

    /** The output so far is a complete document. */
    public boolean complete() {
        return state.accepting();
    }
}
