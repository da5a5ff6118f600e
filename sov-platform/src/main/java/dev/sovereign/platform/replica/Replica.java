package dev.sovereign.platform.replica;

import java.net.URI;
import java.time.Duration;

/** One running engine of a model, reached over the OpenAI HTTP API at {@link #base()}. */
public interface Replica {

    /** Base URL, before {@code /v1}. */
    URI base();

    /** Answers requests now (the engine is up and its health check passes). */
    boolean ready();

    /** Why the replica is not ready, if it knows (a crashed process, a failed start); null otherwise. */
    String problem();

    /** How many full-context sequences its KV cache holds at once, and its size. */
    record Capacity(long kvCacheBytes, int maxConcurrency) {
    }

    /** Its KV cache, where Sovereign sized it (embedded replicas); null for engines that size their own. */
    default Capacity capacity() {
        return null;
    }

    /** Where it runs, e.g. {@code cuda (NVIDIA H100 80GB HBM3)}, where Sovereign knows (embedded replicas); else null. */
    default String device() {
        return null;
    }

    /** Stops once the requests it is running have finished, waiting at most {@code grace}. */
    void stop(Duration grace);
}
