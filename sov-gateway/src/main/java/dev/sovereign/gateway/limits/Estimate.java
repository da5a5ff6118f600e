package dev.sovereign.gateway.limits;

import dev.sovereign.gateway.settings.Price;

/**
 * What a request may cost before it runs. {@code inputTokens} is an upper bound (the body's
 * byte count: byte-level BPE tokens are at least one byte); {@code requestedOutput} is the
 * client's max_tokens per sequence, null when it set none; {@code sequences} is how many
 * sequences the backend generates ({@link Fanout}); {@code producesOutput} is false for embeddings.
 */
public record Estimate(long inputTokens, Integer requestedOutput, int sequences, boolean producesOutput, Price price) {

    public Estimate {
        sequences = Math.max(1, sequences);
    }

    public Estimate(long inputTokens, Integer requestedOutput, boolean producesOutput, Price price) {
        this(inputTokens, requestedOutput, 1, producesOutput, price);
    }
}
