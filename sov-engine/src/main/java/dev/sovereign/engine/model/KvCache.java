package dev.sovereign.engine.model;

/**
 * Keys and values of one sequence, per layer, in F16 (the bits of {@link Float#floatToFloat16}): position {@code p}
 * lives at row {@code rows()[p]} of the layer's arrays, laid out in blocks as
 * {@link dev.sovereign.engine.kernel.Kernels.AttentionShape#kvOffset} says. The arrays are shared storage (the
 * serving engine's block pool); the rows are the sequence's block table spelled out per position, so attention reads
 * and writes the blocks themselves. F16 is llama.cpp's default cache type and halves the bytes of an F32 cache
 * (ADR 0097).
 */
public final class KvCache {

    private final short[][] keys;
    private final short[][] values;
    private final int[] rows;

    private KvCache(short[][] keys, short[][] values, int[] rows) {
        this.keys = keys;
        this.values = values;
        this.rows = rows;
    }

    /**
     * A cache over storage the caller owns: per layer, {@code keys[layer]} and {@code values[layer]}; position
     * {@code p < rows.length} at row {@code rows[p]}. Writes go straight to that storage.
     */
    public static KvCache paged(short[][] keys, short[][] values, int[] rows) {
        return new KvCache(keys, values, rows);
    }

    public int capacity() {
        return rows.length;
    }

    short[] keys(int layer) {
        return keys[layer];
    }

    short[] values(int layer) {
        return values[layer];
    }

    /** Row of every position; attention reads positions through it. */
    int[] rows() {
        return rows;
    }
}
