package dev.sovereign.cli;

import dev.sovereign.cli.logging.LogFormatOption;
import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.operator.HealthServer;
import dev.sovereign.k8s.operator.OperatorConfig;
import dev.sovereign.k8s.operator.OperatorMetrics;
import dev.sovereign.k8s.operator.RunningOperator;
import dev.sovereign.k8s.operator.SovereignOperator;
import dev.sovereign.k8s.render.RenderOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sov operator}: reconcile InferenceServices in the cluster of the current kubeconfig until stopped. */
@Command(name = "operator", description = "Run the operator against the current kubeconfig (or in-cluster config).")
final class OperatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LogFormatOption logFormat;

    @Option(names = "--network-policies", defaultValue = RenderOptions.STANDARD,
            description = "standard or cilium. Default: ${DEFAULT-VALUE}.")
    String networkPolicies;

    @Option(names = "--monitoring", defaultValue = RenderOptions.PROMETHEUS_OPERATOR,
            description = "prometheus-operator or victoriametrics. Default: ${DEFAULT-VALUE}.")
    String monitoring;

    @Option(names = "--ai-gateway", defaultValue = RenderOptions.SOVEREIGN,
            description = "sovereign or envoy. Default: ${DEFAULT-VALUE}.")
    String aiGateway;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "Cluster profile, as for sov render --cluster (the chart passes values.cluster). Default: a plain cluster.")
    Path cluster;

    @Option(names = "--install-crd", description = "Create or update the InferenceService CRD first.")
    boolean installCrd;

    @Option(names = {"--resync-seconds", "--recheck-seconds"}, defaultValue = "600",
            description = "How often every object is applied again although no change was seen (informers report "
                    + "changes in between). Default: ${DEFAULT-VALUE}.")
    long resyncSeconds;

    @Option(names = "--lease-namespace",
            description = "Namespace of the leader-election Lease. Default: $POD_NAMESPACE; without it (outside a "
                    + "cluster) no election: this instance acts alone.")
    String leaseNamespace;

    @Option(names = "--lease-name", defaultValue = OperatorConfig.LeaderElection.DEFAULT_LEASE,
            description = "Name of the leader-election Lease. Default: ${DEFAULT-VALUE}.")
    String leaseName;

    @Option(names = "--health-port", defaultValue = "8081",
            description = "Port of /healthz, /readyz and /metrics; 0 turns them off. Default: ${DEFAULT-VALUE}.")
    int healthPort;

    /** The operator and its probes, running; closing stops both. */
    record Running(RunningOperator operator, HealthServer health, OperatorMetrics metrics) implements AutoCloseable {
        @Override
        public void close() {
            if (health != null) {
                health.close();
            }
            operator.stop();
        }
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        Running running = start(new KubernetesClientBuilder());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // A stop on purpose hands the Lease over at once, without the exit a lost Lease causes.
            running.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Starts on a client built from {@code clients} (the kubeconfig's, or a test server's), with its requests counted. */
    Running start(KubernetesClientBuilder clients) throws IOException {
        if (resyncSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--resync-seconds: must be at least 1, got " + resyncSeconds);
        }
        if (healthPort < 0 || healthPort > 65535) {
            throw new ParameterException(spec.commandLine(), "--health-port: must be 0 (off) to 65535, got " + healthPort);
        }
        RenderOptions options = RenderOptions.defaults().withNetworkPolicies(networkPolicies)
                .withMonitoring(monitoring).withAiGateway(aiGateway)
                .withCluster(cluster == null ? ClusterProfile.plain() : ClusterProfile.load(cluster));
        OperatorConfig config = OperatorConfig.of(options).withResync(Duration.ofSeconds(resyncSeconds));
        String namespace = leaseNamespace != null ? leaseNamespace : System.getenv("POD_NAMESPACE");
        if (namespace != null && !namespace.isBlank()) {
            String identity = Objects.requireNonNullElse(System.getenv("POD_NAME"),
                    InetAddress.getLocalHost().getHostName()) + "-" + UUID.randomUUID().toString().substring(0, 8);
            config = config.withLeaderElection(new OperatorConfig.LeaderElection(leaseName, namespace, identity,
                    Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), true));
        }
        OperatorMetrics metrics = new OperatorMetrics();
        KubernetesClient client = clients.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(
                "sovereign-metrics", metrics.apiRequestCounter())).build();
        if (installCrd) {
            SovereignOperator.installCrd(client);
        }
        RunningOperator operator = SovereignOperator.start(client, config, metrics);
        HealthServer health = healthPort == 0 ? null
                : HealthServer.start(new InetSocketAddress(healthPort), operator, metrics);
        return new Running(operator, health, metrics);
    }
}
