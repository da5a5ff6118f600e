package dev.sovereign.k8s.discovery;

import java.net.URI;
import java.util.List;

/**
 * One InferenceService as a gateway routes to it, free of any gateway type (sov-k8s does not
 * depend on the gateway).
 *
 * @param name           the InferenceService's name, the model name clients ask for
 * @param servedModels   every name the engine answers to: the model, then its LoRA adapters
 * @param readyEndpoints base URLs ({@code http://address:port}, before {@code /v1}) of the ready serving pods
 * @param canaries       adapters that take a share of the model's traffic
 * @param maxReplicas    the most replicas it may scale to (more than one: worth picking the least loaded)
 */
public record DiscoveredModel(String name, List<String> servedModels, List<URI> readyEndpoints, List<Canary> canaries,
                              int maxReplicas) {

    public DiscoveredModel {
        servedModels = List.copyOf(servedModels);
        readyEndpoints = List.copyOf(readyEndpoints);
        canaries = List.copyOf(canaries);
    }

    /** A LoRA adapter served for {@code weightPercent} of the requests for the model. */
    public record Canary(String adapter, int weightPercent) {
    }
}
