package dev.sovereign.platform;

import dev.sovereign.gateway.embed.RouterEmbeddingServer;
import dev.sovereign.gateway.embed.RouterEmbeddings;
import dev.sovereign.platform.replica.ProcessSource;
import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.platform.autoscale.SignalReader;
import dev.sovereign.platform.deploy.Fleet;
import dev.sovereign.platform.deploy.SourceFactory;
import dev.sovereign.platform.memory.KvCacheBudget;
import dev.sovereign.platform.reconcile.Reconciler;
import dev.sovereign.platform.store.HubSettings;
import dev.sovereign.platform.store.StoreRoot;
import dev.sovereign.platform.store.WeightStore;
import dev.sovereign.spec.config.PlatformConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: one gateway (with the router behind {@code MoM}) in front of
 * the models declared in a folder, whose weights come from the shared store (pulled on first
 * use), and which a control loop starts, replaces, scales and stops as the files and the load change. Closing stops accepting, lets streams in flight finish (bounded),
 * writes the usage ledger, then stops the engines.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    static final Duration FOLDER_POLL = Duration.ofSeconds(1);
    static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    static final Duration BANNER_WAIT = Duration.ofMinutes(2);

    private final Gateway gateway;
    private final Fleet fleet;
    private final Reconciler reconciler;
    private final Supervisor supervisor;
    private final AtomicReference<String> loopError;
    private final String generatedKey;
    private final String host;
    private final RouterEmbeddingServer embeddings;

    private LocalPlatform(Gateway gateway, Fleet fleet, Reconciler reconciler, Supervisor supervisor,
                          AtomicReference<String> loopError, String generatedKey, String host,
                          RouterEmbeddingServer embeddings) {
        this.embeddings = embeddings;
        this.loopError = loopError;
        this.gateway = gateway;
        this.host = host;
        this.fleet = fleet;
        this.reconciler = reconciler;
        this.supervisor = supervisor;
        this.generatedKey = generatedKey;
    }

    /**
     * Starts everything and returns once the models of the folder have been through a first
     * reconcile (the ones that could start are serving).
     */
    public static LocalPlatform start(ServeOptions options, Function<String, String> environment) {
        reportDyingThreads();
        PlatformConfig config = GatewayLauncher.loadConfig(options.config());
        Path models = options.models() != null ? options.models() : config.modelsFolder()
                .orElseThrow(() -> new IllegalArgumentException("give a models folder (--models DIR, or models: in sov.yaml)"));
        if (!Files.isDirectory(models)) {
            throw new IllegalArgumentException("--models: no such folder " + models);
        }
        Path data = PlatformSettings.dataFolder(config, environment);
        List<Map.Entry<String, String>> keys = new ArrayList<>(GatewayLauncher.keyPairs(options.apiKeys()));
        String generated = null;
        if (keys.isEmpty() && config.gateway().apiKeys().isEmpty()) {
            generated = ServeKey.loadOrCreate(data);
            keys.add(Map.entry(ServeKey.TENANT, generated));
        }
        GatewaySettings settings = PlatformSettings.bind(config, List.of(), new PlatformSettings.Overrides(keys, options.port()),
                environment);

        // sov-embed: the router's own MiniLM, served by the router's encoder itself (ADR 0141)
        RouterEmbeddingServer embeddings = config.router() != null && config.router().enabled()
                ? RouterEmbeddingServer.start(ProcessSource.HOST, RouterEmbeddings.MODEL) : null;
        if (embeddings != null) {
            settings = settings.withBackend(embeddings.backend(RouterEmbeddings.MODEL));
        }
        UpstreamClient client = new UpstreamClient();
        LiveRoutes routes = new LiveRoutes(settings, true);
        Fleet fleet = new Fleet(routes);
        WeightStore weights = WeightStore.open(data.resolve(StoreRoot.FOLDER), HubSettings.fromEnvironment(environment));
        SourceFactory sources = new SourceFactory(new dev.sovereign.platform.deploy.StoredWeights(weights), data.resolve("logs"), client, threadsPerReplica(),
                KvCacheBudget.ofHeap(config.engine().kvCacheHeapPercent()));
        Reconciler reconciler = new Reconciler(models.toAbsolutePath().normalize(), sources, fleet,
                new Reconciler.Settings(options.timeScale(), options.drainGrace(), START_TIMEOUT));
        AtomicReference<String> loopError = new AtomicReference<>();
        Gateway gateway;
        try {
            gateway = Gateway.start(settings, GatewayLauncher.chooser(config), Optional.of(new Gateway.ControlPlane(
                    routes, () -> StatusReport.of(reconciler, fleet, loopError.get()), options.drainGrace())));
        } catch (RuntimeException e) {
            if (embeddings != null) {
                embeddings.close();
            }
            throw e;
        }
        Supervisor supervisor = null;
        try {
            reconciler.reconcile();
            supervisor = new Supervisor(reconciler, fleet, new SignalReader(client), FOLDER_POLL, loopError);
            gateway.onReplicaDemand(supervisor::wake);
            // The banner comes once the folder's models are up or have failed, but a model that is slow
            // (or never) ready must not hold it back: the loop already runs, and status shows that model.
            if (!reconciler.awaitRollouts(BANNER_WAIT)) {
                LOG.info("still starting after {} s: {}; 'sov status' shows their progress", BANNER_WAIT.toSeconds(),
                        String.join(", ", reconciler.starting().keySet()));
            }
            return new LocalPlatform(gateway, fleet, reconciler, supervisor, loopError, generated, settings.host(), embeddings);
        } catch (RuntimeException e) {
            if (supervisor != null) {
                supervisor.close();
            }
            reconciler.cancelRollouts();
            gateway.close();
            fleet.members().forEach(m -> m.deployment().stop());
            if (embeddings != null) {
                embeddings.close();
            }
            throw e;
        }
    }

    /**
     * A thread that dies of an Error the platform's own workers did not catch (a drain, a stop, a library's) says so in
     * the log, as the platform's own lines do, instead of on bare stderr or not at all.
     */
    private static void reportDyingThreads() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LOG.error("thread {} died: {}", thread.getName(), e.toString(), e));
    }

    /** Engines share the machine: each replica's kernels get every core, as one busy replica should. */
    private static int threadsPerReplica() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int port() {
        return gateway.port();
    }

    /** The OpenAI base URL clients use ({@code http://host:port/v1}). */
    public String url() {
        return "http://" + host + ":" + gateway.port() + "/v1";
    }

    /** The public model names served now: the folder's, then sov-embed, then virtual ones ({@code MoM}). */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>(status().models().stream().filter(m -> m.engine() != null)
                .map(PlatformStatus.Model::name).toList());
        if (embeddings != null) {
            names.add(RouterEmbeddings.MODEL);
        }
        names.addAll(gateway.virtualModels());
        return names;
    }

    /** The key generated and stored for this data folder, if no key was given. */
    public Optional<String> generatedKey() {
        return Optional.ofNullable(generatedKey);
    }

    public PlatformStatus status() {
        return StatusReport.of(reconciler, fleet, loopError.get());
    }

    @Override
    public void close() {
        LOG.info("shutting down: no new requests; streams in flight may finish");
        supervisor.close();
        reconciler.cancelRollouts();
        gateway.close();
        fleet.members().parallelStream().forEach(m -> m.deployment().stop());
        if (embeddings != null) {
            embeddings.close();
        }
        LOG.info("stopped");
    }
}
