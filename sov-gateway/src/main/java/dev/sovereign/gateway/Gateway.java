package dev.sovereign.gateway;

import dev.sovereign.api.error.ApiErrors;
import dev.sovereign.gateway.admin.AdminApi;
import dev.sovereign.gateway.anthropic.MessagesHandler;
import dev.sovereign.gateway.auth.Authenticator;
import dev.sovereign.gateway.auth.KeyRefresher;
import dev.sovereign.gateway.auth.KeyRegistry;
import dev.sovereign.gateway.balance.MetricsScraper;
import dev.sovereign.gateway.http.ListenPort;
import dev.sovereign.gateway.http.Replies;
import dev.sovereign.gateway.limits.Admission;
import dev.sovereign.gateway.metrics.GenAiMetrics;
import dev.sovereign.gateway.mom.ModelChooser;
import dev.sovereign.gateway.proxy.Accounting;
import dev.sovereign.gateway.proxy.Dispatcher;
import dev.sovereign.gateway.proxy.Front;
import dev.sovereign.gateway.proxy.Intake;
import dev.sovereign.gateway.proxy.OpenAiHandler;
import dev.sovereign.gateway.proxy.Operation;
import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.state.GatewayState;
import dev.sovereign.gateway.upstream.ReplicaDemand;
import dev.sovereign.gateway.upstream.UpstreamClient;
import dev.sovereign.gateway.usage.UsageLedger;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running gateway: one Helidon server with every route, and what it must flush on close. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** How often a replica on shared state looks for key changes other replicas made (ADR 0124). */
    static final Duration KEY_POLL = Duration.ofMillis(250);

    private final WebServer server;
    private final GatewayState state;
    private final Optional<KeyRefresher> refresher;
    private final UsageLedger ledger;
    private final MetricsScraper scraper;
    private final KeyRegistry keys;
    private final LiveRoutes routes;
    private final Dispatcher dispatcher;
    private final List<String> virtualModels;

    private Gateway(WebServer server, GatewayState state, Optional<KeyRefresher> refresher, MetricsScraper scraper,
                    KeyRegistry keys, LiveRoutes routes, Dispatcher dispatcher, List<String> virtualModels) {
        this.virtualModels = virtualModels;
        this.server = server;
        this.state = state;
        this.refresher = refresher;
        this.ledger = state.ledger();
        this.scraper = scraper;
        this.keys = keys;
        this.routes = routes;
        this.dispatcher = dispatcher;
    }

    /**
     * What a local control plane adds to the gateway it runs in front of its engines.
     *
     * @param routes        the routes the control plane changes while the gateway runs (its managed backends)
     * @param status        the control plane's state, served as JSON on {@code GET /sov/status} to any valid key
     * @param shutdownGrace how long stopping waits for requests in flight (streams included)
     */
    public record ControlPlane(LiveRoutes routes, Supplier<Object> status, Duration shutdownGrace) {
    }

    public static Gateway start(GatewaySettings settings, Optional<ModelChooser> chooser) {
        return start(settings, chooser, Optional.empty());
    }

    /** Starts the gateway; with a control plane, models come and go through {@link #routes()}. */
    public static Gateway start(GatewaySettings settings, Optional<ModelChooser> chooser, Optional<ControlPlane> plane) {
        if (settings.ledgerPath() == null && settings.state() == null) {
            throw new IllegalArgumentException("the gateway needs a usage ledger path");
        }
        ListenPort.requireFree(settings.host(), settings.port());
        LiveRoutes routes = plane.map(ControlPlane::routes).orElseGet(() -> new LiveRoutes(settings, false));
        GatewayState state = GatewayState.open(settings);
        UsageLedger ledger = state.ledger();
        KeyRegistry keys = new KeyRegistry(settings.keys(), state.keys());
        Optional<KeyRefresher> refresher = state.shared() ? Optional.of(new KeyRefresher(keys, KEY_POLL)) : Optional.empty();
        GenAiMetrics metrics = new GenAiMetrics();
        UpstreamClient client = new UpstreamClient();
        Accounting accounting = new Accounting(settings.prices(), ledger, metrics);
        Intake intake = new Intake(routes, new Admission(settings.tenants(), ledger, state.budgets().orElse(null)), accounting, chooser,
                settings.maxRoutedBodyBytes());
        Authenticator authenticator = new Authenticator(keys);
        Dispatcher dispatcher = new Dispatcher(client);
        Front front = new Front(authenticator, intake, dispatcher, accounting, settings.maxBodyBytes());
        OpenAiHandler openAi = new OpenAiHandler(front);
        MessagesHandler messages = new MessagesHandler(front);
        AdminApi admin = new AdminApi(settings.adminKey(), keys, ledger);

        HttpRouting.Builder routing = HttpRouting.builder()
                .post("/v1/chat/completions", (req, res) -> openAi.handle(req, res, Operation.CHAT))
                .post("/v1/completions", (req, res) -> openAi.handle(req, res, Operation.COMPLETION))
                .post("/v1/embeddings", (req, res) -> openAi.handle(req, res, Operation.EMBEDDINGS))
                .post("/v1/messages", messages::messages)
                .post("/v1/messages/count_tokens", messages::countTokens)
                .get("/v1/models", (req, res) -> answerAuthenticated(authenticator, req, res,
                        () -> routes.catalog().list(intake.virtualModels())))
                // ids may hold a slash (org/name), so the rest of the path is the id
                .get("/v1/models/*", (req, res) -> answerAuthenticated(authenticator, req, res,
                        () -> oneModel(routes.catalog().list(intake.virtualModels()),
                                req.path().path().substring("/v1/models/".length()))))
                .get("/metrics", (req, res) -> {
                    res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, metrics.contentType());
                    res.send(metricsPage(metrics, chooser));
                })
                .get("/health", (req, res) -> res.send("ok"));
        plane.ifPresent(p -> routing.get("/sov/status", (req, res) -> answerAuthenticated(authenticator, req, res, p.status())));
        admin.register(routing);
        routing.any((req, res) -> Replies.error(res, ApiErrors.notFound("route " + req.prologue().method().text() + " "
                + req.path().path()), false));
        routing.error(dev.sovereign.gateway.http.ClientAborted.class, (req, res, e) -> {
            accounting.clientAborted(req, "other", e);
            Replies.toAbortedClient(res, false);
        });
        routing.error(RuntimeException.class, (req, res, e) -> {
            LOG.error("unexpected failure on {} {}", req.prologue().method().text(), req.path().path(), e);
            Replies.error(res, ApiErrors.internal("the gateway failed on this request; see its log"), false);
        });

        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .backlog(8192)
                .maxConcurrentRequests(-1)
                .shutdownGracePeriod(plane.map(ControlPlane::shutdownGrace).orElse(Duration.ofMillis(500)))
                // Our commands stop servers in order (gateway first, engines after); Helidon's own hook would stop
                // them all at once and cut the streams the gateway is still relaying.
                .shutdownHook(false)
                .routing(routing)
                .build()
                .start();
        ListenPort.requireBound(settings.host(), settings.port(), server.port());
        MetricsScraper scraper = new MetricsScraper(routes::backends, client);
        if (plane.isPresent()) {
            // under sov serve the models join once ready: "0 backends" here would read like a failure
            LOG.info("gateway listening on http://{}:{}; models join as they become ready", settings.host(), server.port());
        } else {
            LOG.info("gateway listening on http://{}:{} with {} backends and {} models", settings.host(), server.port(),
                    routes.backends().size(), routes.catalog().list(List.of()).data().size());
        }
        return new Gateway(server, state, refresher, scraper, keys, routes, dispatcher, intake.virtualModels());
    }

    /** {@code GET /v1/models/{id}}: the entry {@code /v1/models} lists for that id, else the OpenAI 404. */
    private static Object oneModel(dev.sovereign.api.openai.ModelList models, String id) {
        return models.data().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> dev.sovereign.api.error.ApiErrors.modelNotFound(id));
    }

    /** The gateway's metrics, then the router's ({@code sov_router_*}) when there is one. */
    private static byte[] metricsPage(GenAiMetrics metrics, Optional<ModelChooser> chooser) {
        byte[] gateway = metrics.scrape();
        if (chooser.isEmpty()) {
            return gateway;
        }
        StringBuilder router = new StringBuilder();
        chooser.get().writeMetrics(router);
        byte[] tail = router.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] page = java.util.Arrays.copyOf(gateway, gateway.length + tail.length);
        System.arraycopy(tail, 0, page, gateway.length, tail.length);
        return page;
    }

    /** A read-only JSON page for any valid key (Bearer or x-api-key), as {@code /v1/models} is. */
    private static void answerAuthenticated(Authenticator authenticator, io.helidon.webserver.http.ServerRequest req,
                                            io.helidon.webserver.http.ServerResponse res, Supplier<Object> page) {
        try {
            authenticator.authenticate(req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION),
                    req.headers().first(io.helidon.http.HeaderNames.create("x-api-key")));
            Replies.json(res, 200, page.get());
        } catch (dev.sovereign.api.error.ApiException e) {
            Replies.error(res, e, false);
        }
    }

    public int port() {
        return server.port();
    }

    /** The backends and models routed now; a control plane changes its own through this. */
    public LiveRoutes routes() {
        return routes;
    }

    /** Who starts a replica when a request finds a model scaled to zero. */
    public void onReplicaDemand(ReplicaDemand demand) {
        dispatcher.demand(demand);
    }

    /** Model names the router chooses for ({@code MoM}), empty without a router. */
    public List<String> virtualModels() {
        return virtualModels;
    }

    public KeyRegistry keys() {
        return keys;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    /** Stops accepting requests, then writes every recorded usage row. */
    @Override
    public void close() {
        scraper.close();
        refresher.ifPresent(KeyRefresher::close);
        server.stop();
        state.close();
    }
}
