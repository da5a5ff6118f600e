package dev.sovereign.engine.runner;

import dev.sovereign.engine.model.KvCache;
import dev.sovereign.engine.model.ModelConfig;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A contiguous per-sequence {@link KvCache} together with its per-layer arrays. The model package keeps those arrays
 * package-private (its forward pass is their only writer); the sequential runner must copy them to and from the
 * block pool, so it reads them through a private lookup until the paged forward pass reads blocks itself.
 */
public final class KvArrays {

    private static final MethodHandle KEYS;
    private static final MethodHandle VALUES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(KvCache.class, MethodHandles.lookup());
            MethodType type = MethodType.methodType(float[].class, int.class);
            KEYS = lookup.findVirtual(KvCache.class, "keys", type);
            VALUES = lookup.findVirtual(KvCache.class, "values", type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KvCache cache;
    private final float[][] keys;
    private final float[][] values;

    public KvArrays(ModelConfig config, int capacity) {
        this.cache = new KvCache(config, capacity);
        this.keys = new float[config.layers()][];
        this.values = new float[config.layers()][];
        try {
            for (int layer = 0; layer < config.layers(); layer++) {
                keys[layer] = (float[]) KEYS.invoke(cache, layer);
                values[layer] = (float[]) VALUES.invoke(cache, layer);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot reach the KV cache arrays", e);
        }
    }

    public KvCache cache() {
        return cache;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }
}
