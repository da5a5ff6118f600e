package dev.sovereign.engine.model;

/**
 * Keys and values of one sequence, per layer, {@code capacity} positions of {@code kvDim} floats. Values are rounded
 * to F16 on the way in, as llama.cpp's default F16 cache stores them.
 */
public final class KvCache {

    private final float[][] keys;
    private final float[][] values;
    private final int capacity;

    public KvCache(ModelConfig config, int capacity) {
        this.capacity = capacity;
        this.keys = new float[config.layers()][capacity * config.kvDim()];
        this.values = new float[config.layers()][capacity * config.kvDim()];
    }

    public int capacity() {
        return capacity;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }
}
