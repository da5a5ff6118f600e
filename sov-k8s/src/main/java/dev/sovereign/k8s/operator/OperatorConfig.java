package dev.sovereign.k8s.operator;

import dev.sovereign.k8s.render.RenderOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * How the operator runs. {@code render} is handed to the renderer unchanged, so whatever the
 * renderer learns to take (cluster options, a cluster profile) reaches the operator's objects
 * the same way it reaches {@code sov render}'s. {@code resync} is how often every object is
 * applied again even though nothing was seen to change (objects of add-ons the operator does
 * not watch may have drifted).
 */
public record OperatorConfig(RenderOptions render, Duration resync, Optional<LeaderElection> leaderElection) {

    /** Default period of the full re-apply; events drive everything in between. */
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

    /**
     * One Lease decides which instance acts; the others keep their caches warm and wait.
     * {@code exitOnLoss}: an instance that loses the Lease stops the process (its pod is
     * restarted as a standby) rather than acting next to the new leader.
     */
    public record LeaderElection(String leaseName, String namespace, String identity, Duration leaseDuration,
                                 Duration renewDeadline, Duration retryPeriod, boolean exitOnLoss) {

        public static final String DEFAULT_LEASE = "sovereign-operator";

        /** Kubernetes' usual timings (15 s lease, 10 s renew deadline, 2 s retry). */
        public static LeaderElection of(String namespace, String identity) {
            return new LeaderElection(DEFAULT_LEASE, namespace, identity, Duration.ofSeconds(15),
                    Duration.ofSeconds(10), Duration.ofSeconds(2), true);
        }
    }

    public static OperatorConfig of(RenderOptions render) {
        return new OperatorConfig(render, DEFAULT_RESYNC, Optional.empty());
    }

    public OperatorConfig withResync(Duration period) {
        return new OperatorConfig(render, period, leaderElection);
    }

    public OperatorConfig withLeaderElection(LeaderElection election) {
        return new OperatorConfig(render, resync, Optional.of(election));
    }
}
