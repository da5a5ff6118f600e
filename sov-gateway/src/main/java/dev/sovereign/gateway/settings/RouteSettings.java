package dev.sovereign.gateway.settings;

import java.util.List;

/**
 * A public model name served by a weighted split (canaries) of backend targets, then by ordered
 * fallbacks when the chosen target fails before its first byte.
 */
public record RouteSettings(String model, List<Target> split, List<Target> fallbacks) {

    /** {@code upstreamModel} is the name the backend knows the model by (the per-backend rewrite). */
    public record Target(String backend, String upstreamModel, int weight) {
        public Target {
            if (weight < 0) {
                throw new IllegalArgumentException("weight of " + backend + "/" + upstreamModel + " must not be negative");
            }
        }
    }

    public RouteSettings {
        split = List.copyOf(split);
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        if (split.isEmpty()) {
            throw new IllegalArgumentException("route '" + model + "' has no target");
        }
    }
}
