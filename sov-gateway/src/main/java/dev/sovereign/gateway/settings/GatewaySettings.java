package dev.sovereign.gateway.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway runs from, already validated and with secrets resolved. Built from the
 * platform configuration ({@code sov.yaml}) and the command line; tests build it directly.
 *
 * @param host          listen address (loopback by default)
 * @param port          listen port, 0 for any free port
 * @param maxBodyBytes  largest request body accepted (413 above)
 * @param adminKey      key of the admin API, null to switch the admin API off
 * @param backends      upstream servers
 * @param routes        public model names routed by weight with fallbacks; every served model
 *                      of a backend is routable under its own name without an entry here
 * @param aliases       alternative public names of a model
 * @param prices        price per model (USD per million tokens)
 * @param keys          API keys declared in configuration
 * @param tenants       limits per tenant (shared by all keys of that tenant)
 * @param ledgerPath    the SQLite usage ledger, null for an in-memory one
 * @param maxRoutedBodyBytes largest body of a request to a virtual model (MoM), which the router reads (413 above)
 * @param state         the PostgreSQL database replicas share, null for the embedded SQLite file {@code ledgerPath}
 */
public record GatewaySettings(String host, int port, long maxBodyBytes, String adminKey, List<BackendSettings> backends,
                              List<RouteSettings> routes, Map<String, String> aliases, Map<String, Price> prices,
                              List<KeySettings> keys, Map<String, Limits> tenants, Path ledgerPath, long maxRoutedBodyBytes,
                              StateSettings state) {

    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    public static final long DEFAULT_MAX_ROUTED_BODY_BYTES = 2L * 1024 * 1024;

    /** These settings with one more backend: one the local platform runs itself (the router's encoder, ADR 0141). */
    public GatewaySettings withBackend(BackendSettings backend) {
        List<BackendSettings> all = new java.util.ArrayList<>(backends);
        all.add(backend);
        return new GatewaySettings(host, port, maxBodyBytes, adminKey, all, routes, aliases, prices, keys, tenants,
                ledgerPath, maxRoutedBodyBytes, state);
    }

    public GatewaySettings(String host, int port, long maxBodyBytes, String adminKey, List<BackendSettings> backends,
                           List<RouteSettings> routes, Map<String, String> aliases, Map<String, Price> prices,
                           List<KeySettings> keys, Map<String, Limits> tenants, Path ledgerPath) {
        this(host, port, maxBodyBytes, adminKey, backends, routes, aliases, prices, keys, tenants, ledgerPath, 0, null);
    }

    public GatewaySettings(String host, int port, long maxBodyBytes, String adminKey, List<BackendSettings> backends,
                           List<RouteSettings> routes, Map<String, String> aliases, Map<String, Price> prices,
                           List<KeySettings> keys, Map<String, Limits> tenants, Path ledgerPath, long maxRoutedBodyBytes) {
        this(host, port, maxBodyBytes, adminKey, backends, routes, aliases, prices, keys, tenants, ledgerPath, maxRoutedBodyBytes,
                null);
    }

    public GatewaySettings {
        backends = List.copyOf(backends);
        routes = routes == null ? List.of() : List.copyOf(routes);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
        keys = keys == null ? List.of() : List.copyOf(keys);
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        if (maxBodyBytes <= 0) {
            maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        }
        if (maxRoutedBodyBytes <= 0) {
            maxRoutedBodyBytes = DEFAULT_MAX_ROUTED_BODY_BYTES;
        }
    }

    public GatewaySettings withPort(int newPort) {
        return new GatewaySettings(host, newPort, maxBodyBytes, adminKey, backends, routes, aliases, prices, keys, tenants, ledgerPath,
                maxRoutedBodyBytes, state);
    }

    /** The same gateway on a shared PostgreSQL database (null: the embedded file). */
    public GatewaySettings withState(StateSettings newState) {
        return new GatewaySettings(host, port, maxBodyBytes, adminKey, backends, routes, aliases, prices, keys, tenants, ledgerPath,
                maxRoutedBodyBytes, newState);
    }
}
