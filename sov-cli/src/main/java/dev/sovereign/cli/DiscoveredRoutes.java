package dev.sovereign.cli;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.RouteSettings;
import dev.sovereign.k8s.discovery.DiscoveredModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's managed backends and routes for the models discovered in a cluster: one backend
 * per InferenceService on its ready pods, under its served names, and a weighted split where it
 * has canaries (the same reading as {@code sov gateway --models}).
 */
final class DiscoveredRoutes {

    private DiscoveredRoutes() {
    }

    static List<BackendSettings> backends(List<DiscoveredModel> models) {
        return models.stream().map(m -> new BackendSettings(m.name(), m.readyEndpoints(), null, "openai", m.servedModels(),
                BackendSettings.DEFAULT_TIMEOUT, Map.of(), m.maxReplicas() > 1)).toList();
    }

    static List<RouteSettings> routes(List<DiscoveredModel> models) {
        List<RouteSettings> routes = new ArrayList<>();
        for (DiscoveredModel m : models) {
            if (m.canaries().isEmpty()) {
                continue;
            }
            int canaryShare = m.canaries().stream().mapToInt(DiscoveredModel.Canary::weightPercent).sum();
            List<RouteSettings.Target> split = new ArrayList<>(List.of(new RouteSettings.Target(m.name(), m.name(), 100 - canaryShare)));
            m.canaries().forEach(c -> split.add(new RouteSettings.Target(m.name(), c.adapter(), c.weightPercent())));
            routes.add(new RouteSettings(m.name(), split, List.of()));
        }
        return routes;
    }
}
