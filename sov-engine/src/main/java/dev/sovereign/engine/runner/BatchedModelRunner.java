package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.Transformer;
import dev.sovereign.engine.scheduler.Chunk;
import dev.sovereign.engine.scheduler.Sequence;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every chunk of a step in one batched forward pass, so each weight matrix is read once per step rather than
 * once per sequence. A sequence works in a contiguous cache; positions it computes are copied into its blocks, and a
 * cache created for a sequence (new with a prefix-cache hit, or resumed after preemption) is first filled from its
 * blocks, so the block pool is the source of truth and the contiguous cache only a working copy.
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
        List<KvArrays> caches = new ArrayList<>(chunks.size());
        for (Chunk chunk : chunks) {
            Sequence s = chunk.sequence();
            KvArrays cache = workingCache(s, chunk.from());
            caches.add(cache);
            slices.add(new Transformer.Slice(s.tokens(), chunk.from(), chunk.count(), chunk.from(), cache.cache(),
                    chunk.samples()));
        }
        float[][] out = transformer.forward(slices);
        Map<Sequence, float[]> logits = new IdentityHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            pool.store(chunk.sequence().blockTable(), caches.get(i), chunk.from(), chunk.count());
            if (chunk.samples()) {
                logits.put(chunk.sequence(), out[i]);
            }
        }
        return logits;
    }

    @Override
    public void release(Sequence sequence) {
        sequence.runnerState(null);
    }

    @Override
    public int vocabSize() {
        return transformer.config().vocabSize();
    }

    private KvArrays workingCache(Sequence s, int computed) {
        if (s.runnerState() instanceof KvArrays existing) {
            return existing;
        }
        KvArrays cache = new KvArrays(transformer.config(), s.maxLength());
        pool.load(s.blockTable(), cache, computed);
        s.runnerState(cache);
        return cache;
    }
}
