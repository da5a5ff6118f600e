package dev.sovereign.spec.config;

import java.util.List;
import java.util.Map;

/** The typed {@code gateway} section of sov.yaml; see {@link GatewayConfigSchema}. */
public record GatewayConfig(String listen, long maxBodyBytes, long maxRoutedBodyBytes, SecretRef adminKey, List<ApiKey> apiKeys,
                            List<Backend> backends, List<Route> routes, Map<String, String> aliases, List<Price> prices,
                            List<Tenant> tenants, String usageLedger, State state) {

    public GatewayConfig {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        backends = backends == null ? List.of() : List.copyOf(backends);
        routes = routes == null ? List.of() : List.copyOf(routes);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        prices = prices == null ? List.of() : List.copyOf(prices);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    /** Host part of {@link #listen}. */
    public String host() {
        String host = listen.substring(0, listen.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Port part of {@link #listen}. */
    public int port() {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    /** A key declared in the file. */
    public record ApiKey(String tenant, SecretRef key, List<String> allowedModels, Limits limits) {
        public ApiKey {
            allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        }
    }

    /** A static upstream: one OpenAI-compatible server with one or more replica URLs. */
    public record Backend(String name, List<String> urls, SecretRef apiKey, String provider, List<String> models,
                          long timeoutSeconds, List<ModelTimeout> modelTimeouts, boolean scrapeMetrics) {
        public Backend {
            urls = urls == null ? List.of() : List.copyOf(urls);
            models = models == null ? List.of() : List.copyOf(models);
            modelTimeouts = modelTimeouts == null ? List.of() : List.copyOf(modelTimeouts);
        }
    }

    /** A per-model override of a backend's timeout. */
    public record ModelTimeout(String model, long seconds) {
    }

    /** A public model name served by a weighted split, then by ordered fallbacks. */
    public record Route(String model, List<Target> split, List<Target> fallbacks) {
        public Route {
            split = split == null ? List.of() : List.copyOf(split);
            fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        }
    }

    /** A backend and the model name it knows the model by; {@code weight} counts in a split only. */
    public record Target(String backend, String model, long weight) {
    }

    /** USD per million tokens, as decimal strings. */
    public record Price(String model, String inputPerMillion, String cachedInputPerMillion, String outputPerMillion) {
    }

    /** Limits shared by every key of a tenant. */
    public record Tenant(String name, Limits limits) {
    }

    /**
     * Where keys, admin changes, budget reservations and the usage ledger live when several gateway replicas share them:
     * a PostgreSQL database ({@code url} is {@code postgresql://HOST[:PORT]/DATABASE}); absent, the embedded SQLite file.
     */
    public record State(String url, String user, SecretRef password, String schema, long poolSize) {

        /** The JDBC form of {@link #url}. */
        public String jdbcUrl() {
            return "jdbc:" + url;
        }
    }

    /** Request, token, concurrency and budget limits; 0 or absent switches one off. */
    public record Limits(long requestsPerMinute, long tokensPerMinute, long concurrent, long tokenBudget,
                         String costBudgetUsd, long budgetPeriodSeconds) {
    }
}
