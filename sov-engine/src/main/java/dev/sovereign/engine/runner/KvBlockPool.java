package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.scheduler.BlockManager;
import java.util.List;

/**
 * The preallocated storage behind the block manager: for every layer, keys and values of {@code numBlocks} blocks of
 * {@link BlockManager#BLOCK_SIZE} positions (the kernels' {@code Kernels.KV_BLOCK}: attention reads a block of one
 * KV head as one run), in F16 (two bytes a value, as llama.cpp's default cache; ADR 0097).
 */
public final class KvBlockPool {

    private final int layers;
    private final int kvDim;
    private final int numBlocks;
    /** The cache's element type under vLLM's name for it ({@code vllm:cache_config_info}'s {@code cache_dtype}). */
    public static final String CACHE_DTYPE = "float16";

    private static final int BYTES_PER_VALUE = Short.BYTES;

    private final short[][] keys;
    private final short[][] values;

    public KvBlockPool(ModelConfig config, int numBlocks) {
        this.layers = config.layers();
        this.kvDim = config.kvDim();
        this.numBlocks = numBlocks;
        long halves = (long) numBlocks * BlockManager.BLOCK_SIZE * kvDim;
        if (halves > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the KV cache budget is too large for one layer array: " + numBlocks + " blocks");
        }
        this.keys = new short[layers][(int) halves];
        this.values = new short[layers][(int) halves];
    }

    /** Bytes one token takes in the pool (keys and values of every layer). */
    public static long bytesPerToken(ModelConfig config) {
        return 2L * config.layers() * config.kvDim() * BYTES_PER_VALUE;
    }

    /** How many blocks a byte budget buys. */
    public static int blocksForBudget(ModelConfig config, long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes / (bytesPerToken(config) * BlockManager.BLOCK_SIZE));
    }

    public int numBlocks() {
        return numBlocks;
    }

    /**
     * Copies block {@code from} over block {@code to} in every layer, keys and values. A block of every KV head is
     * one run of {@code BLOCK_SIZE * kvDim} values ({@code Kernels.AttentionShape#kvOffset}), so one array copy each.
     */
    public void copy(int from, int to) {
        int run = BlockManager.BLOCK_SIZE * kvDim;
        for (int layer = 0; layer < layers; layer++) {
            System.arraycopy(keys[layer], from * run, keys[layer], to * run, run);
            System.arraycopy(values[layer], from * run, values[layer], to * run, run);
        }
    }

    /**
     * The cache of a sequence whose first {@code positions} positions live in the blocks of {@code table}: the
     * forward pass reads and writes those blocks directly.
     */
    public KvCache view(List<Integer> table, int positions) {
        int size = BlockManager.BLOCK_SIZE;
        if (table.size() * size < positions) {
            throw new IllegalStateException("a table of " + table.size() + " blocks cannot hold " + positions
                    + " positions");
        }
        int[] rows = new int[positions];
        for (int p = 0; p < positions; p++) {
            rows[p] = table.get(p / size) * size + p % size;
        }
        return KvCache.paged(keys, values, rows);
    }
}
