package dev.sovereign.platform.replica;

import java.net.URI;

/** The one "replica" of {@code engine.kind: external}: the URL the file gives. */
public record ExternalSource(URI url) implements ReplicaSource {

    @Override
    public Replica start(int index) {
        return new ExternalReplica(url);
    }

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public boolean scalable() {
        return false;
    }
}
