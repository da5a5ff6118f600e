package dev.sovereign.gateway.limits;

import dev.sovereign.gateway.settings.Price;

/**
 * What a request may cost before it runs. {@code inputTokens} is an upper bound (the body's
 * byte count: byte-level BPE tokens are at least one byte); {@code requestedOutput} is the
 * client's max_tokens, null when it set none; {@code producesOutput} is false for embeddings.
 */
public record Estimate(long inputTokens, Integer requestedOutput, boolean producesOutput, Price price) {
}
