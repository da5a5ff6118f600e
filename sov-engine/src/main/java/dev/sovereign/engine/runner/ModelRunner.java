package dev.sovereign.engine.runner;

import dev.sovereign.engine.scheduler.BlockCopy;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.List;
import java.util.Map;

/**
 * Runs one scheduler step: every chunk's tokens through the model, their keys and values into the sequence's blocks.
 * Returns the logits of each sequence whose chunk reached its last token. A batched, paged-attention implementation
 * (one matmul over all chunks' tokens, attention reading through block tables) can replace the sequential one behind
 * this interface without touching the scheduler or the server.
 */
public interface ModelRunner {

    Map<Sequence, float[]> execute(List<Chunk> chunks);

    /** Makes the step's copy-on-write copies (every layer's keys and values), before its {@link #execute}. */
    void copyBlocks(List<BlockCopy> copies);

    int vocabSize();
}
