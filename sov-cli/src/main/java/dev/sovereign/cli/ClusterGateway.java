package dev.sovereign.cli;

import dev.sovereign.gateway.Gateway;
import dev.sovereign.gateway.GatewayLauncher;
import dev.sovereign.gateway.routing.LiveRoutes;
import dev.sovereign.gateway.settings.GatewaySettings;
import dev.sovereign.gateway.settings.PlatformSettings;
import dev.sovereign.gateway.upstream.ReplicaDemand;
import dev.sovereign.k8s.discovery.DiscoveredModel;
import dev.sovereign.k8s.discovery.ModelDiscovery;
import dev.sovereign.spec.config.PlatformConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sov gateway --discover}: the gateway whose models are the InferenceServices of one
 * namespace, routed to their ready pods as the cluster reports them, with no hand-written routes.
 */
final class ClusterGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterGateway.class);

    /** Kubernetes gives a terminating pod 30 s by default; streams in flight get most of it. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);

    /** Kubernetes' controllers scale the pods; the gateway cannot start one, so a model without one answers 503. */
    private static final ReplicaDemand CLUSTER_SCALES = new ReplicaDemand() {
        @Override
        public void wake(String backend) {
        }

        @Override
        public boolean canStart(String backend) {
            return false;
        }
    };

    private final ModelDiscovery discovery;
    private final Gateway gateway;
    private final Runnable afterClose;

    private ClusterGateway(ModelDiscovery discovery, Gateway gateway, Runnable afterClose) {
        this.discovery = discovery;
        this.gateway = gateway;
        this.afterClose = afterClose;
    }

    /** On the cluster of the pod's ServiceAccount, or of the current kubeconfig; the client closes with it. */
    static ClusterGateway start(GatewayLauncher.Options options, String namespace, Function<String, String> environment) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        try {
            return start(options, namespace, client, environment, client::close);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code namespace} null: the client's own (the kubeconfig's, or the pod's ServiceAccount's). */
    static ClusterGateway start(GatewayLauncher.Options options, String namespace, KubernetesClient client,
                                Function<String, String> environment, Runnable afterClose) {
        PlatformConfig config = GatewayLauncher.loadConfig(options.config());
        GatewaySettings settings = PlatformSettings.bind(config, List.of(),
                new PlatformSettings.Overrides(GatewayLauncher.keyPairs(options.apiKeys()), options.port()), environment);
        LiveRoutes routes = new LiveRoutes(settings, true);
        String watched = namespace != null ? namespace : Optional.ofNullable(client.getNamespace()).orElse("default");
        ModelDiscovery discovery = ModelDiscovery.start(client, watched, models -> publish(routes, models));
        try {
            Gateway gateway = Gateway.start(settings, GatewayLauncher.chooser(config), Optional.of(new Gateway.ControlPlane(
                    routes, () -> Map.of("namespace", watched, "models", discovery.models()), SHUTDOWN_GRACE)));
            gateway.onReplicaDemand(CLUSTER_SCALES);
            return new ClusterGateway(discovery, gateway, afterClose);
        } catch (RuntimeException e) {
            discovery.close();
            throw e;
        }
    }

    private static void publish(LiveRoutes routes, List<DiscoveredModel> models) {
        try {
            routes.applyManaged(DiscoveredRoutes.backends(models), DiscoveredRoutes.routes(models));
        } catch (IllegalArgumentException e) {
            // e.g. an InferenceService named like a backend of sov.yaml: keep the routes we had, say why
            LOG.error("discovered models not applied, the previous routes stay: {}", e.getMessage());
        }
    }

    int port() {
        return gateway.port();
    }

    @Override
    public void close() {
        discovery.close();
        gateway.close();
        afterClose.run();
    }
}
