package dev.sovereign.engine.scheduler;

import java.util.List;

/**
 * One scheduler decision: the block copies to make first (copy-on-write of shared blocks), the chunks to run, and
 * the sequences dropped because their clients cancelled.
 */
public record Step(List<Chunk> chunks, List<Sequence> cancelled, List<BlockCopy> copies) {

    public boolean isEmpty() {
        return chunks.isEmpty() && cancelled.isEmpty();
    }
}
