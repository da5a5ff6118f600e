package dev.sovereign.engine.constraint;

/**
 * One level of the matcher's stack: an immutable record, so a whole stack compares by value and can key the cache
 * of token masks.
 */
sealed interface Frame permits ValueFrame, ObjectFrame, ArrayFrame, StringFrame, NumberFrame, LiteralFrame, CallFrame,
        EndFrame {

    /** Whitespace allowed between tokens of the JSON text: one space at each place, so a model cannot run on in it. */
    int MAX_SPACES = 1;

    Move step(int b);

    /** The frame's value could end here: the next byte may belong to the frame below. */
    boolean canEnd();

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }
}
