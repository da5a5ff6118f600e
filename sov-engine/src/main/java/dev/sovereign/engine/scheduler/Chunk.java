package dev.sovereign.engine.scheduler;

/** Tokens {@code [from, from + count)} of a sequence to run through the model in this step. */
public record Chunk(Sequence sequence, int from, int count) {

    /** Whether this chunk reaches the sequence's last token, so its logits choose the next one. */
    public boolean samples() {
        return from + count == sequence.length();
    }
}
