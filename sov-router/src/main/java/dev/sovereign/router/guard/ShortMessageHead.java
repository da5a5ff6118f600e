package dev.sovereign.router.guard;

import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.OnnxEncoder;

/**
 * A second opinion on short messages: a logistic head over a full MiniLM pass (mean-pooled) and
 * the message's token bag. A dozen words give the static head's mean of token vectors too little
 * to tell an instruction to the assistant from an injection; the transformer reads them in
 * context. The guard asks it only about messages of at most {@link #MAX_CHARS} characters that the
 * static head already finds suspicious ({@link #GATE}), so its cost is paid rarely
 * (docs/decisions/0153).
 */
public final class ShortMessageHead {

    /** The length band it was chosen for (issue 17's short band). */
    public static final int MAX_CHARS = 200;
    /**
     * Static scores below this are not re-scored: the mean of the two heads stays below 0.7 (the
     * default threshold) whatever the transformer says, so at that threshold the verdict is the
     * full ensemble's.
     */
    public static final double GATE = 0.4;

    private final OnnxEncoder encoder;
    private final LinearHead head;
    private final int jailbreakIndex;

    public ShortMessageHead(OnnxEncoder encoder, LinearHead head) {
        if (head.dimension() != OnnxEncoder.DIM) {
            throw new IllegalArgumentException("short-message head " + head.name() + " reads " + head.dimension()
                    + " features, the transformer gives " + OnnxEncoder.DIM);
        }
        this.encoder = encoder;
        this.head = head;
        this.jailbreakIndex = head.labels().indexOf("jailbreak");
    }

    /** True when a message of {@code chars} characters with static score {@code staticScore} is re-scored. */
    public static boolean applies(int chars, double staticScore) {
        return chars <= MAX_CHARS && staticScore >= GATE;
    }

    /** The transformer head's jailbreak probability for one short message. */
    public double probability(IntList tokens) {
        return head.probabilities(encoder.embed(tokens), tokens)[jailbreakIndex];
    }

    /** The score of a re-scored message: the mean of the static head's and this head's probabilities. */
    public double combined(double staticScore, IntList tokens) {
        return (staticScore + probability(tokens)) / 2;
    }
}
