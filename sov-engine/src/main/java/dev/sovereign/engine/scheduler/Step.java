package dev.sovereign.engine.scheduler;

import java.util.List;

/** One scheduler decision: the chunks to run now and the sequences dropped because their clients cancelled. */
public record Step(List<Chunk> chunks, List<Sequence> cancelled) {

    public boolean isEmpty() {
        return chunks.isEmpty() && cancelled.isEmpty();
    }
}
