package dev.sovereign.gateway.routing;

import java.util.List;

/**
 * Where one request will be tried, in order: the target drawn by weight, the rest of the split,
 * then the fallbacks. {@code publicModel} is the resolved name (aliases applied).
 */
public record RoutePlan(String requestedModel, String publicModel, List<Target> attempts) {
}
