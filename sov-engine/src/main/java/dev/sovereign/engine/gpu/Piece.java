package dev.sovereign.engine.gpu;

import dev.sovereign.engine.scheduler.Sequence;

/**
 * Tokens {@code [from, from + count)} of a sequence run in one pass: a scheduler chunk, or part of one when the chunk
 * does not fit the runner's buffers; {@code samples} when its last token's logits are wanted.
 */
record Piece(Sequence sequence, int from, int count, boolean samples) {
}
