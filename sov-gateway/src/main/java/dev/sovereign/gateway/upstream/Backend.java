package dev.sovereign.gateway.upstream;

import dev.sovereign.gateway.balance.ReplicaPicker;
import dev.sovereign.gateway.settings.BackendSettings;
import java.util.List;

/** A configured backend at run time: its settings, its replica endpoints and the picker between them. */
public final class Backend {

    private final BackendSettings settings;
    private final List<Endpoint> endpoints;
    private final ReplicaPicker picker;

    public Backend(BackendSettings settings) {
        this.settings = settings;
        this.endpoints = settings.endpoints().stream().map(Endpoint::new).toList();
        this.picker = new ReplicaPicker(endpoints);
    }

    public String name() {
        return settings.name();
    }

    public BackendSettings settings() {
        return settings;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public ReplicaPicker picker() {
        return picker;
    }

    @Override
    public String toString() {
        return name();
    }
}
