package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.crd.InferenceServiceCrd;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the operator on a client: server-side apply for its own writes (finalizer, status)
 * as for the rendered objects, and, when configured, leader election on a Lease so that of
 * several instances only one reconciles.
 */
public final class SovereignOperator {

    private static final Logger LOG = LoggerFactory.getLogger(SovereignOperator.class);

    private SovereignOperator() {
    }

    public static RunningOperator start(KubernetesClient client, OperatorConfig config, OperatorMetrics metrics) {
        AtomicBoolean stopping = new AtomicBoolean();
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withMetrics(metrics)
                    .withUseSSAToPatchPrimaryResource(true);
            config.leaderElection().ifPresent(e -> o.withLeaderElectionConfiguration(
                    leaderElection(e, metrics, stopping)));
        });
        if (config.leaderElection().isEmpty()) {
            metrics.leading(true);
        }
        operator.register(new InferenceServiceReconciler(config, metrics, Clock.systemUTC()));
        operator.start();
        return new RunningOperator(operator, stopping);
    }

    private static LeaderElectionConfiguration leaderElection(OperatorConfig.LeaderElection election,
                                                              OperatorMetrics metrics, AtomicBoolean stopping) {
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    LOG.info("{} holds lease {}/{}: reconciling", election.identity(), election.namespace(),
                            election.leaseName());
                    metrics.leading(true);
                },
                () -> {
                    metrics.leading(false);
                    if (election.exitOnLoss() && !stopping.get()) {
                        // Lost, not given up: another instance may act now, so this one must not.
                        LOG.error("{} lost lease {}/{}: exiting", election.identity(), election.namespace(),
                                election.leaseName());
                        System.exit(1);
                    }
                    LOG.info("{} no longer holds lease {}/{}", election.identity(), election.namespace(),
                            election.leaseName());
                },
                leader -> LOG.info("lease {}/{} held by {}", election.namespace(), election.leaseName(), leader));
        return new LeaderElectionConfiguration(election.leaseName(), election.namespace(), election.leaseDuration(),
                election.renewDeadline(), election.retryPeriod(), election.identity(), callbacks, false);
    }

    /** Creates or updates the InferenceService CRD, for installs without Helm. */
    public static void installCrd(KubernetesClient client) {
        CustomResourceDefinition crd = client.getKubernetesSerialization()
                .convertValue(InferenceServiceCrd.definition(), CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(o -> o.update());
    }
}
