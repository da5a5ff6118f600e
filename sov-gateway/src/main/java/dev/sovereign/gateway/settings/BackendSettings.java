package dev.sovereign.gateway.settings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One upstream: an OpenAI-compatible server (vLLM, {@code sov engine}, a provider) with one or
 * more replica endpoints.
 *
 * @param name          name used in errors, metrics and the ledger
 * @param endpoints     base URLs of the replicas, each ending before {@code /v1}; empty while a local
 *                      model is scaled to zero (its first request waits for a replica)
 * @param apiKey        upstream credential sent as {@code Authorization: Bearer}, null for none
 * @param provider      {@code gen_ai.provider.name} of the backend ({@code openai} for any OpenAI-compatible server;
 *                      {@code anthropic} for a native Messages API, reached by {@code /v1/messages} only)
 * @param models        served model names
 * @param timeout       default time to the first byte of an answer
 * @param modelTimeouts per-model overrides of {@code timeout}
 * @param scrapeMetrics scrape each endpoint's vLLM {@code /metrics} to pick the least loaded replica
 */
public record BackendSettings(String name, List<URI> endpoints, String apiKey, String provider, List<String> models,
                              Duration timeout, Map<String, Duration> modelTimeouts, boolean scrapeMetrics) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public BackendSettings {
        endpoints = List.copyOf(endpoints);
        models = List.copyOf(models);
        modelTimeouts = modelTimeouts == null ? Map.of() : Map.copyOf(modelTimeouts);
        provider = provider == null ? "openai" : provider;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static BackendSettings simple(String name, URI endpoint, List<String> models) {
        return new BackendSettings(name, List.of(endpoint), null, "openai", models, DEFAULT_TIMEOUT, Map.of(), false);
    }

    public BackendSettings withEndpoints(List<URI> newEndpoints) {
        return new BackendSettings(name, newEndpoints, apiKey, provider, models, timeout, modelTimeouts, scrapeMetrics);
    }

    /** A native Anthropic Messages API backend ({@code provider: anthropic}) rather than an OpenAI-compatible one. */
    public boolean speaksAnthropic() {
        return "anthropic".equals(provider);
    }

    public Duration timeoutFor(String model) {
        return modelTimeouts.getOrDefault(model, timeout);
    }
}
