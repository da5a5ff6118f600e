package dev.sovereign.gateway.support;

import dev.sovereign.gateway.settings.BackendSettings;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.KeySettings;
import dev.sovereign.gateway.settings.Limits;
import dev.sovereign.gateway.settings.Price;
import dev.sovereign.gateway.settings.RouteSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds gateway settings for tests, with loopback listen address and a port chosen by the OS. */
public final class Settings {

    public static final String KEY = "sk-test-alice";
    public static final String ADMIN = "sk-admin-test";

    private final List<BackendSettings> backends = new ArrayList<>();
    private final List<RouteSettings> routes = new ArrayList<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, Price> prices = new HashMap<>();
    private final List<KeySettings> keys = new ArrayList<>(List.of(new KeySettings("alice", KEY, Set.of(), Limits.NONE)));
    private final Map<String, Limits> tenants = new HashMap<>();
    private long maxBody;
    private final Path ledger;

    public Settings(Path ledger) {
        this.ledger = ledger;
    }

    public Settings backend(BackendSettings backend) {
        backends.add(backend);
        return this;
    }

    public Settings backend(String name, FakeUpstream upstream, String... models) {
        return backend(BackendSettings.simple(name, upstream.uri(), List.of(models)));
    }

    public Settings route(RouteSettings route) {
        routes.add(route);
        return this;
    }

    public Settings alias(String alias, String model) {
        aliases.put(alias, model);
        return this;
    }

    public Settings price(String model, Price price) {
        prices.put(model, price);
        return this;
    }

    public Settings key(String tenant, String key, Set<String> models, Limits limits) {
        keys.add(new KeySettings(tenant, key, models, limits));
        return this;
    }

    public Settings tenant(String tenant, Limits limits) {
        tenants.put(tenant, limits);
        return this;
    }

    public Settings maxBody(long bytes) {
        this.maxBody = bytes;
        return this;
    }

    public GatewaySettings build() {
        return new GatewaySettings("127.0.0.1", 0, maxBody, ADMIN, backends, routes, aliases, prices, keys, tenants, ledger);
    }
}
