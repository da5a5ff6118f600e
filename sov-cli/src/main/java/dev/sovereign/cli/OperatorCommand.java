package dev.sovereign.cli;

import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.operator.SovereignOperator;
import dev.sovereign.k8s.render.RenderOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.sovereign.cli.logging.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sov operator}: reconcile InferenceServices in the cluster of the current kubeconfig until stopped. */
@Command(name = "operator", description = "Run the operator against the current kubeconfig (or in-cluster config).")
final class OperatorCommand implements Callable<Integer> {

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

    @Option(names = "--recheck-seconds", defaultValue = "30",
            description = "How often each InferenceService's objects are re-checked. Default: ${DEFAULT-VALUE}.")
    long recheckSeconds;

    @Override
    public Integer call() throws InterruptedException {
        RenderOptions options = RenderOptions.defaults().withNetworkPolicies(networkPolicies)
                .withMonitoring(monitoring).withAiGateway(aiGateway)
                .withCluster(cluster == null ? ClusterProfile.plain() : ClusterProfile.load(cluster));
        KubernetesClient client = new KubernetesClientBuilder().build();
        if (installCrd) {
            SovereignOperator.installCrd(client);
        }
        var operator = SovereignOperator.start(client, options, Duration.ofSeconds(recheckSeconds), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            client.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
