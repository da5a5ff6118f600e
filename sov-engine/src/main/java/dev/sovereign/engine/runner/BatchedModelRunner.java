package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.Transformer;
import dev.sovereign.engine.scheduler.BlockCopy;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every chunk of a step in one batched forward pass, so each weight matrix is read once per step rather than
 * once per sequence. Each sequence's cache is a view of the block pool through its block table: attention reads the
 * blocks (shared prefix blocks included) and new keys and values are written into them, with no per-sequence copy.
 */
public final class BatchedModelRunner implements ModelRunner {

    private final Transformer transformer;
    private final KvBlockPool pool;

    public BatchedModelRunner(Transformer transformer, KvBlockPool pool) {
        this.transformer = transformer;
        this.pool = pool;
    }

    @Override
    public Map<Sequence, float[]> execute(List<Chunk> chunks) {
        List<Transformer.Slice> slices = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            Sequence s = chunk.sequence();
            KvCache cache = pool.view(s.blockTable(), chunk.from() + chunk.count());
            slices.add(new Transformer.Slice(s.tokens(), chunk.from(), chunk.count(), chunk.from(), cache,
                    chunk.samples()));
        }
        float[][] out = transformer.forward(slices);
        Map<Sequence, float[]> logits = new IdentityHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).samples()) {
                logits.put(chunks.get(i).sequence(), out[i]);
            }
        }
        return logits;
    }

    @Override
    public void copyBlocks(List<BlockCopy> copies) {
        for (BlockCopy copy : copies) {
            pool.copy(copy.from(), copy.to());
        }
    }

    @Override
    public int vocabSize() {
        return transformer.config().vocabSize();
    }
}
