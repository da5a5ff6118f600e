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

    /**
     * Whether a replica can come on demand for a backend that has none. Where nothing starts one
     * (Kubernetes, whose own controllers scale), a request fails at once with 503 instead of waiting.
     */
    default boolean canStart(String backend) {
        return true;
    }
}
