package dev.sovereign.engine.model;

/**
 * Keys and values of one sequence, per layer: position {@code p} lives at row {@code rows()[p]} of the layer's
 * arrays, {@code kvDim} floats a row. Either the cache owns contiguous arrays (row = position), or it is a view of
 * a shared block pool through a sequence's block table ({@link #paged}), so attention reads and writes the blocks
 * themselves. Values are rounded to F16 on the way in, as llama.cpp's default F16 cache stores them.
 */
public final class KvCache {

    private final float[][] keys;
    private final float[][] values;
    private final int[] rows;

    public KvCache(ModelConfig config, int capacity) {
        this.keys = new float[config.layers()][capacity * config.kvDim()];
        this.values = new float[config.layers()][capacity * config.kvDim()];
        this.rows = new int[capacity];
        for (int p = 0; p < capacity; p++) {
            rows[p] = p;
        }
    }

    private KvCache(float[][] keys, float[][] values, int[] rows) {
        this.keys = keys;
        this.values = values;
        this.rows = rows;
    }

    /**
     * A cache over storage the caller owns: per layer, {@code keys[layer]} and {@code values[layer]}; position
     * {@code p < rows.length} at row {@code rows[p]}. Writes go straight to that storage.
     */
    public static KvCache paged(float[][] keys, float[][] values, int[] rows) {
        return new KvCache(keys, values, rows);
    }

    public int capacity() {
        return rows.length;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    /** Row of every position; attention reads positions through it. */
    int[] rows() {
        return rows;
    }
}
