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

    /** Stops once the requests it is running have finished, waiting at most {@code grace}. */
    void stop(Duration grace);
}
