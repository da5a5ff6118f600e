package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.scheduler.BlockManager;
import java.util.List;

/**
 * The preallocated storage behind the block manager: for every layer, keys and values of {@code numBlocks} blocks of
 * {@link BlockManager#BLOCK_SIZE} positions, in the same F16-rounded floats the forward pass writes.
 */
public final class KvBlockPool {

    private final int layers;
    private final int kvDim;
    private final int numBlocks;
    private final float[][] keys;
    private final float[][] values;

    public KvBlockPool(ModelConfig config, int numBlocks) {
        this.layers = config.layers();
        this.kvDim = config.kvDim();
        this.numBlocks = numBlocks;
        long floats = (long) numBlocks * BlockManager.BLOCK_SIZE * kvDim;
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the KV cache budget is too large for one layer array: " + numBlocks + " blocks");
        }
        this.keys = new float[layers][(int) floats];
        this.values = new float[layers][(int) floats];
    }

    /** Bytes one token takes in the pool (keys and values of every layer). */
    public static long bytesPerToken(ModelConfig config) {
        return 2L * config.layers() * config.kvDim() * Float.BYTES;
    }

    /** How many blocks a byte budget buys. */
    public static int blocksForBudget(ModelConfig config, long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes / (bytesPerToken(config) * BlockManager.BLOCK_SIZE));
    }

    public int numBlocks() {
        return numBlocks;
    }

    /** Copies positions {@code [from, from + count)} of a contiguous cache into the blocks of a table. */
    public void store(List<Integer> table, KvArrays cache, int from, int count) {
        copy(table, cache, from, count, true);
    }

    /** Copies positions {@code [0, count)} from the blocks of a table into a contiguous cache. */
    public void load(List<Integer> table, KvArrays cache, int count) {
        copy(table, cache, 0, count, false);
    }

    private void copy(List<Integer> table, KvArrays cache, int from, int count, boolean toPool) {
        for (int layer = 0; layer < layers; layer++) {
            float[] k = cache.keys(layer);
            float[] v = cache.values(layer);
            for (int p = from; p < from + count; p++) {
                int slot = (table.get(p / BlockManager.BLOCK_SIZE) * BlockManager.BLOCK_SIZE + p % BlockManager.BLOCK_SIZE) * kvDim;
                if (toPool) {
                    System.arraycopy(k, p * kvDim, keys[layer], slot, kvDim);
                    System.arraycopy(v, p * kvDim, values[layer], slot, kvDim);
                } else {
                    System.arraycopy(keys[layer], slot, k, p * kvDim, kvDim);
                    System.arraycopy(values[layer], slot, v, p * kvDim, kvDim);
                }
            }
        }
    }
}
