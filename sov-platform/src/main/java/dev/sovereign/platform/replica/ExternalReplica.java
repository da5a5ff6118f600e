package dev.sovereign.platform.replica;

import java.net.URI;
import java.time.Duration;

/** A server somebody else runs ({@code engine.kind: external}): always routed to, never started or stopped. */
public record ExternalReplica(URI base) implements Replica {

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public String problem() {
        return null;
    }

    @Override
    public void stop(Duration grace) {
        // not ours to stop
    }
}
