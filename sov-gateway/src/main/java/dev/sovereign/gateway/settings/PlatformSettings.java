package dev.sovereign.gateway.settings;

import dev.sovereign.spec.config.GatewayConfig;
import dev.sovereign.spec.config.PlatformConfig;
import dev.sovereign.spec.config.SecretRef;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the gateway from the validated platform configuration ({@code sov.yaml}), the
 * InferenceService files of the models folder, and command-line additions. Secrets are read
 * here; a missing one stops start-up with a message naming its field.
 */
public final class PlatformSettings {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSettings.class);

    private PlatformSettings() {
    }

    /** Additions from the command line: extra keys (tenant, key) and a port override (null: keep). */
    public record Overrides(List<Map.Entry<String, String>> apiKeys, Integer port) {
    }

    public static GatewaySettings bind(PlatformConfig config, List<InferenceService> services, Overrides overrides,
                                       Function<String, String> environment) {
        GatewayConfig g = config.gateway();
        Path base = config.baseDir();
        List<BackendSettings> backends = new ArrayList<>();
        List<RouteSettings> routes = new ArrayList<>();
        for (InferenceService service : services) {
            fromService(service, backends, routes);
        }
        for (int i = 0; i < g.backends().size(); i++) {
            backends.add(backend(g.backends().get(i), "gateway.backends[" + i + "]", environment, base));
        }
        for (GatewayConfig.Route r : g.routes()) {
            routes.add(new RouteSettings(r.model(), r.split().stream().map(t -> target(t, r.model(), (int) t.weight())).toList(),
                    r.fallbacks().stream().map(t -> target(t, r.model(), 1)).toList()));
        }
        Map<String, Price> prices = new HashMap<>();
        for (GatewayConfig.Price p : g.prices()) {
            double input = decimal(p.inputPerMillion());
            prices.put(p.model(), new Price(input, p.cachedInputPerMillion() == null ? input : decimal(p.cachedInputPerMillion()),
                    decimal(p.outputPerMillion())));
        }
        Map<String, Limits> tenants = new HashMap<>();
        g.tenants().forEach(t -> tenants.put(t.name(), limits(t.limits())));
        List<KeySettings> keys = new ArrayList<>();
        for (int i = 0; i < g.apiKeys().size(); i++) {
            GatewayConfig.ApiKey k = g.apiKeys().get(i);
            SecretRef ref = k.key();
            keys.add(ref.isHashOnly()
                    ? new KeySettings(k.tenant(), null, ref.sha256(), new HashSet<>(k.allowedModels()), limits(k.limits()))
                    : new KeySettings(k.tenant(), ref.resolve("gateway.apiKeys[" + i + "].key", environment, base), null,
                            new HashSet<>(k.allowedModels()), limits(k.limits())));
        }
        overrides.apiKeys().forEach(e -> keys.add(new KeySettings(e.getKey(), e.getValue(), java.util.Set.of(), Limits.NONE)));
        String adminKey = g.adminKey() == null ? null
                : g.adminKey().isHashOnly() ? null : g.adminKey().resolve("gateway.adminKey", environment, base);
        if (g.adminKey() != null && g.adminKey().isHashOnly()) {
            throw new IllegalArgumentException("gateway.adminKey: give the admin key by env, file or value; "
                    + "only API keys may be declared by their sha256");
        }
        Path ledger = dataFolder(config, environment).resolve(g.usageLedger() == null ? "usage.db" : g.usageLedger());
        return new GatewaySettings(g.host(), overrides.port() != null ? overrides.port() : g.port(), g.maxBodyBytes(), adminKey,
                backends, routes, g.aliases(), prices, keys, tenants, ledger, g.maxRoutedBodyBytes(), state(g.state(), environment, base));
    }

    /** The shared database, its password read here (env, file or value); null keeps the embedded file. */
    static StateSettings state(GatewayConfig.State s, Function<String, String> environment, Path base) {
        if (s == null) {
            return null;
        }
        String password = s.password() == null ? null : s.password().resolve("gateway.state.password", environment, base);
        return new StateSettings(s.jdbcUrl(), s.user(), password, s.schema(), (int) s.poolSize());
    }

    /** An InferenceService served by an external OpenAI-compatible URL becomes a backend; its canaries a split. */
    static void fromService(InferenceService service, List<BackendSettings> backends, List<RouteSettings> routes) {
        InferenceServiceSpec spec = service.spec();
        var engine = spec.declaredEngine();
        if (engine.isEmpty() || engine.get().url() == null) {
            LOG.info("model {} has no URL to route to (engine {}); it is served once its engine runs",
                    service.name(), engine.map(InferenceServiceSpec.Engine::kind).orElse("default"));
            return;
        }
        backends.add(new BackendSettings(service.name(), List.of(URI.create(engine.get().url())), null, "openai",
                service.servedModelNames(),
                BackendSettings.DEFAULT_TIMEOUT, Map.of(), spec.scaling().maxReplicas() > 1));
        if (spec.gateway() != null && !spec.gateway().canaries().isEmpty()) {
            List<RouteSettings.Target> split = new ArrayList<>();
            int canaryTotal = spec.gateway().canaries().stream().mapToInt(InferenceServiceSpec.Canary::weightPercent).sum();
            split.add(new RouteSettings.Target(service.name(), service.name(), 100 - canaryTotal));
            spec.gateway().canaries().forEach(c -> split.add(new RouteSettings.Target(service.name(), c.adapter(), c.weightPercent())));
            routes.add(new RouteSettings(service.name(), split, List.of()));
        }
    }

    private static BackendSettings backend(GatewayConfig.Backend b, String path, Function<String, String> environment, Path base) {
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        b.modelTimeouts().forEach(t -> timeouts.put(t.model(), Duration.ofSeconds(t.seconds())));
        if (b.urls().isEmpty()) {
            throw new IllegalArgumentException(path + ".urls: give at least one base URL");
        }
        String key = b.apiKey() == null ? null : b.apiKey().resolve(path + ".apiKey", environment, base);
        return new BackendSettings(b.name(), b.urls().stream().map(URI::create).toList(), key, b.provider(), b.models(),
                Duration.ofSeconds(b.timeoutSeconds()), timeouts, b.scrapeMetrics());
    }

    private static RouteSettings.Target target(GatewayConfig.Target t, String routeModel, int weight) {
        return new RouteSettings.Target(t.backend(), t.model() == null ? routeModel : t.model(), weight);
    }

    static Limits limits(GatewayConfig.Limits l) {
        if (l == null) {
            return Limits.NONE;
        }
        return new Limits(l.requestsPerMinute(), l.tokensPerMinute(), (int) l.concurrent(), l.tokenBudget(),
                decimal(l.costBudgetUsd()), l.budgetPeriodSeconds() > 0 ? Duration.ofSeconds(l.budgetPeriodSeconds()) : null);
    }

    private static double decimal(String text) {
        return text == null ? 0 : Double.parseDouble(text);
    }

    /** The data folder (keys, ledger, weights) for this configuration and environment. */
    public static Path dataFolder(PlatformConfig config, Function<String, String> environment) {
        return config.dataFolder(envMap(environment));
    }

    private static Map<String, String> envMap(Function<String, String> environment) {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("SOV_DATA_DIR", "XDG_DATA_HOME")) {
            String value = environment.apply(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return env;
    }
}
