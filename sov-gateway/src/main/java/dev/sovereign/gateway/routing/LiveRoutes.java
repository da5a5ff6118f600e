package dev.sovereign.gateway.routing;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.RouteSettings;
import dev.sovereign.gateway.upstream.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends and model catalog the gateway routes with right now. The configured ones are fixed;
 * a control plane ({@code sov serve}) adds, changes and removes its own ("managed") backends while
 * the gateway runs. Requests read one consistent catalog; a change swaps in a new one.
 */
public final class LiveRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);

    private final GatewaySettings settings;
    private final boolean managedModelsExpected;
    private final Map<String, Backend> configured = new LinkedHashMap<>();
    private Map<String, Backend> managed = Map.of();
    private List<RouteSettings> managedRoutes = List.of();
    private volatile ModelCatalog catalog;
    private volatile List<Backend> all;

    /**
     * @param managedModelsExpected a control plane will add models: an alias may name one that is
     *                              not served yet (otherwise such an alias is a configuration error)
     */
    public LiveRoutes(GatewaySettings settings, boolean managedModelsExpected) {
        this.settings = settings;
        this.managedModelsExpected = managedModelsExpected;
        for (BackendSettings b : settings.backends()) {
            if (configured.put(b.name(), new Backend(b)) != null) {
                throw new IllegalArgumentException("two backends are named '" + b.name() + "'");
            }
        }
        rebuild();
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** Every backend, configured and managed. */
    public Collection<Backend> backends() {
        return all;
    }

    /**
     * Replaces the managed backends and their routes. A backend whose settings only differ in
     * endpoints is kept and given the new endpoints, so requests waiting for its first replica
     * are woken, and the load known of the replicas that stay is kept.
     */
    public synchronized void applyManaged(List<BackendSettings> backends, List<RouteSettings> routes) {
        Map<String, Backend> next = new LinkedHashMap<>();
        for (BackendSettings b : backends) {
            if (configured.containsKey(b.name()) || next.containsKey(b.name())) {
                throw new IllegalArgumentException("two backends are named '" + b.name() + "'");
            }
            Backend current = managed.get(b.name());
            if (current != null && sameButEndpoints(current.settings(), b)) {
                current.endpoints(b.endpoints());
                next.put(b.name(), current);
            } else {
                next.put(b.name(), new Backend(b));
            }
        }
        managed = next;
        managedRoutes = List.copyOf(routes);
        rebuild();
    }

    /** The managed backend of that name, if any (the control plane wakes scaled-to-zero ones). */
    public synchronized Backend managed(String name) {
        return managed.get(name);
    }

    private void rebuild() {
        Map<String, Backend> everyone = new LinkedHashMap<>(configured);
        everyone.putAll(managed);
        List<RouteSettings> routes = new ArrayList<>(settings.routes());
        routes.addAll(managedRoutes);
        ModelCatalog built = new ModelCatalog(routes, Map.of(), everyone);
        Map<String, String> aliases = new LinkedHashMap<>();
        settings.aliases().forEach((alias, model) -> {
            if (built.knows(model) || !managedModelsExpected) {
                aliases.put(alias, model); // unknown with nothing managed: ModelCatalog names the mistake
            } else {
                // A served model can disappear with its file; its aliases wait for it to come back.
                LOG.warn("alias '{}' points to '{}', which nothing serves now; the alias is off until it does", alias, model);
            }
        });
        catalog = new ModelCatalog(routes, aliases, everyone);
        all = List.copyOf(everyone.values());
    }

    private static boolean sameButEndpoints(BackendSettings a, BackendSettings b) {
        return a.withEndpoints(List.of()).equals(b.withEndpoints(List.of()));
    }
}
