package dev.sovereign.gateway.upstream;

/**
 * Told when a request finds a backend with no replica (a local model scaled to zero), so the
 * control plane that owns it can start one while the request waits.
 */
@FunctionalInterface
public interface ReplicaDemand {

    ReplicaDemand NONE = backend -> {
    };

    void wake(String backend);
}
