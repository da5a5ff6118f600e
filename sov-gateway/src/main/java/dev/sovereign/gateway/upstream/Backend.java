package dev.sovereign.gateway.upstream;

import dev.sovereign.gateway.balance.ReplicaPicker;
import dev.sovereign.gateway.settings.BackendSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A configured backend at run time: its settings, its replica endpoints and the picker between
 * them. The replicas can change while requests run (a local control plane scales them); a request
 * keeps the endpoint it was given, and one that finds no replica may wait for the first.
 */
public final class Backend {

    private final BackendSettings settings;
    private volatile Replicas replicas;

    private record Replicas(List<Endpoint> endpoints, ReplicaPicker picker) {
    }

    public Backend(BackendSettings settings) {
        this.settings = settings;
        this.replicas = replicasOf(settings.endpoints().stream().map(Endpoint::new).toList());
    }

    private static Replicas replicasOf(List<Endpoint> endpoints) {
        return new Replicas(List.copyOf(endpoints), new ReplicaPicker(endpoints));
    }

    public String name() {
        return settings.name();
    }

    public BackendSettings settings() {
        return settings;
    }

    public List<Endpoint> endpoints() {
        return replicas.endpoints();
    }

    public ReplicaPicker picker() {
        return replicas.picker();
    }

    /**
     * Replaces the replica list. Endpoints that stay keep their load and in-flight counts, so the
     * picker's view of them survives a scale-up of their neighbours.
     */
    public void endpoints(List<URI> bases) {
        Map<String, Endpoint> current = replicas.endpoints().stream()
                .collect(Collectors.toMap(e -> e.base().toString(), Function.identity(), (a, b) -> a));
        List<Endpoint> next = new ArrayList<>();
        for (URI base : bases) {
            Endpoint fresh = new Endpoint(base);
            next.add(current.getOrDefault(fresh.base().toString(), fresh));
        }
        synchronized (this) {
            replicas = replicasOf(next);
            notifyAll();
        }
    }

    /** Waits until the backend has a replica, up to {@code limit}; true when it has one. */
    public boolean awaitEndpoint(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (replicas.endpoints().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
