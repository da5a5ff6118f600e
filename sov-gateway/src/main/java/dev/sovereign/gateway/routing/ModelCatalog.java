package dev.sovereign.gateway.routing;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.api.openai.ModelList;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.RouteSettings;
import dev.sovereign.gateway.upstream.Backend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every model name the gateway answers to: served models of backends, explicit routes (splits
 * and fallbacks) and aliases. Immutable: {@link LiveRoutes} builds a new one when backends change.
 */
public final class ModelCatalog {

    private final Map<String, ModelRoute> routes = new LinkedHashMap<>();
    private final Map<String, String> aliases;
    private final Map<String, String> owners = new LinkedHashMap<>();

    public ModelCatalog(GatewaySettings settings, Map<String, Backend> backends) {
        this(settings.routes(), settings.aliases(), backends);
    }

    public ModelCatalog(List<RouteSettings> explicitRoutes, Map<String, String> aliasMap, Map<String, Backend> backends) {
        Map<String, List<Target>> servedBy = new LinkedHashMap<>();
        for (Backend backend : backends.values()) {
            for (String model : backend.settings().models()) {
                servedBy.computeIfAbsent(model, m -> new ArrayList<>()).add(new Target(backend, model));
                owners.putIfAbsent(model, backend.name());
            }
        }
        // A model served by several backends goes to the first and falls back to the others in order.
        servedBy.forEach((model, targets) -> routes.put(model,
                new ModelRoute(List.of(targets.getFirst()), List.of(1), targets.subList(1, targets.size()))));
        for (RouteSettings route : explicitRoutes) {
            List<Target> split = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (RouteSettings.Target t : route.split()) {
                split.add(target(backends, route.model(), t));
                weights.add(t.weight());
            }
            List<Target> fallbacks = route.fallbacks().stream().map(t -> target(backends, route.model(), t)).toList();
            routes.put(route.model(), new ModelRoute(split, weights, fallbacks));
            owners.putIfAbsent(route.model(), split.getFirst().backend().name());
        }
        aliasMap.forEach((alias, model) -> {
            if (!routes.containsKey(model)) {
                throw new IllegalArgumentException("alias '" + alias + "' points to unknown model '" + model + "'");
            }
        });
        this.aliases = Map.copyOf(aliasMap);
    }

    private static Target target(Map<String, Backend> backends, String model, RouteSettings.Target t) {
        Backend backend = backends.get(t.backend());
        if (backend == null) {
            throw new IllegalArgumentException("route '" + model + "' names unknown backend '" + t.backend() + "'");
        }
        return new Target(backend, t.upstreamModel() == null ? model : t.upstreamModel());
    }

    /** The attempts for a requested model name; 404 naming it when nothing serves it. */
    public RoutePlan plan(String requested) {
        String resolved = aliases.getOrDefault(requested, requested);
        ModelRoute route = routes.get(resolved);
        if (route == null) {
            throw ApiErrors.modelNotFound(requested);
        }
        return new RoutePlan(requested, resolved, route.attempts());
    }

    public boolean knows(String requested) {
        return routes.containsKey(aliases.getOrDefault(requested, requested));
    }

    public String resolve(String requested) {
        return aliases.getOrDefault(requested, requested);
    }

    /** Every routable name (models, routes, aliases) plus the given virtual models, for {@code /v1/models}. */
    public ModelList list(List<String> virtualModels) {
        TreeSet<String> names = new TreeSet<>(routes.keySet());
        names.addAll(aliases.keySet());
        List<ModelList.Model> models = new ArrayList<>();
        for (String virtual : virtualModels) {
            models.add(ModelList.Model.of(virtual, "sovereign"));
        }
        for (String name : names) {
            models.add(ModelList.Model.of(name, owners.getOrDefault(resolve(name), "sovereign")));
        }
        return ModelList.of(models);
    }
}
