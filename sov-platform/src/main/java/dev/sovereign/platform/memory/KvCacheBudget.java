package dev.sovereign.platform.memory;

import java.util.OptionalLong;

/**
 * The share of the heap that the KV caches of every embedded replica take together, as vLLM's
 * {@code --gpu-memory-utilization} bounds what one engine takes of its GPU. Each replica reserves its pool
 * here before it allocates it: all it could use ({@code maxNumSeqs} full-context sequences) when that is
 * free, else what is left, and nothing (a refusal saying what to change) when not even one sequence fits.
 * A model's {@code spec.cache.kvCacheMemory} is taken as declared, from the same share.
 */
public final class KvCacheBudget {

    private static final long MIB = 1L << 20;

    private final long total;
    private final String origin;
    private long reserved;

    /** @param origin how {@code total} was set, for the messages ("40% of a 1024 MiB heap") */
    public KvCacheBudget(long total, String origin) {
        this.total = total;
        this.origin = origin;
    }

    /** {@code percent} of the heap this JVM may grow to ({@code -Xmx}). */
    public static KvCacheBudget ofHeap(int percent) {
        long heap = Runtime.getRuntime().maxMemory();
        return new KvCacheBudget(heap / 100 * percent, "engine.kvCacheHeapPercent " + percent + " of a "
                + exactSize(heap) + " heap");
    }

    /**
     * What one replica asks for.
     *
     * @param model        the model's name, for the messages
     * @param contextWindow tokens of one full-context sequence
     * @param perSequence  bytes of KV cache one full-context sequence takes (whole blocks)
     * @param maxNumSeqs   sequences the replica runs at once at most
     * @param declared     {@code spec.cache.kvCacheMemory} in bytes, if the file sets it
     */
    public record Request(String model, int contextWindow, long perSequence, int maxNumSeqs, OptionalLong declared) {
    }

    /** A replica's pool: its size, and how many full-context sequences it holds at once (at most maxNumSeqs). */
    public final class Grant {
        private final long bytes;
        private final int maxConcurrency;
        private boolean released;

        private Grant(long bytes, int maxConcurrency) {
            this.bytes = bytes;
            this.maxConcurrency = maxConcurrency;
        }

        public long bytes() {
            return bytes;
        }

        public int maxConcurrency() {
            return maxConcurrency;
        }

        /** Gives the bytes back when the replica has stopped; a second call does nothing. */
        public void release() {
            synchronized (KvCacheBudget.this) {
                if (!released) {
                    released = true;
                    reserved -= bytes;
                }
            }
        }
    }

    public synchronized Grant reserve(Request r) {
        long free = total - reserved;
        long bytes;
        if (r.declared().isPresent()) {
            bytes = r.declared().getAsLong();
            if (bytes < r.perSequence()) {
                throw new KvCacheTooSmallException("model " + r.model() + ": spec.cache.kvCacheMemory (" + exactSize(bytes)
                        + ") holds less than one sequence of spec.model.contextWindow " + r.contextWindow() + " ("
                        + exactSize(r.perSequence()) + "): raise kvCacheMemory to at least " + exactSize(r.perSequence())
                        + ", or lower contextWindow");
            }
            if (bytes > free) {
                throw new KvCacheTooSmallException("model " + r.model() + ": spec.cache.kvCacheMemory (" + exactSize(bytes)
                        + ") is more than the " + exactSize(free) + " left of the KV share (" + origin + ", "
                        + exactSize(reserved) + " held by running replicas): lower kvCacheMemory, or give the JVM more heap "
                        + "(SOV_JAVA_OPTS=-Xmx...)");
            }
        } else {
            long wanted = Math.multiplyExact(r.perSequence(), (long) r.maxNumSeqs());
            bytes = Math.min(wanted, free);
            if (bytes < r.perSequence()) {
                throw new KvCacheTooSmallException("model " + r.model() + ": one sequence of spec.model.contextWindow "
                        + r.contextWindow() + " needs " + exactSize(r.perSequence()) + " of KV cache, but only " + exactSize(Math.max(0, free))
                        + " is left of the KV share (" + origin + ", " + exactSize(reserved) + " held by running replicas): "
                        + "lower contextWindow, give the JVM more heap (SOV_JAVA_OPTS=-Xmx4g), or raise "
                        + "engine.kvCacheHeapPercent in sov.yaml");
            }
        }
        reserved += bytes;
        return new Grant(bytes, (int) Math.min(r.maxNumSeqs(), bytes / r.perSequence()));
    }

    /** Bytes reserved by replicas now. */
    public synchronized long reserved() {
        return reserved;
    }

    public long total() {
        return total;
    }

    /** Exact, one way for every size: whole MiB, else whole KiB, else bytes; two sizes that differ never print alike. */
    static String exactSize(long bytes) {
        if (bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
