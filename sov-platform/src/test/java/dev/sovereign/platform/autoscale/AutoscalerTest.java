package dev.sovereign.platform.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decisions of the reference ScaledObject (KEDA + HPA), on a clock the test moves. */
class AutoscalerTest {

    private static final long S = 1_000_000_000L;

    /** The reference defaults: thresholds 0.7 / 0.6 / 8, polling 15 s, cooldown 300 s; maxNumSeqs 10. */
    private static ScalingPolicy policy(int min, int max) {
        return new ScalingPolicy(min, max, Duration.ofSeconds(15), Duration.ofSeconds(300), 0.7, 0.6, 8, 10);
    }

    @Test
    void fromOneReplicaEachTriggerAsksForCeilOfValueOverThresholdAndTheLargestWins() {
        Autoscaler a = new Autoscaler(policy(1, 5));
        assertThat(a.recommend(1, new Signals(7, 0, 0))).as("0.7 exactly: stay").isEqualTo(1);
        assertThat(a.recommend(1, new Signals(8, 0, 0))).as("0.8 / 0.7").isEqualTo(2);
        assertThat(a.recommend(1, new Signals(1, 0, 0.9))).as("KV 0.9 / 0.6").isEqualTo(2);
        assertThat(a.recommend(1, new Signals(1, 20, 0.1))).as("waiting 20 / 8").isEqualTo(3);
        assertThat(a.recommend(1, new Signals(10, 100, 1.0))).as("clamped to max").isEqualTo(5);
    }

    @Test
    void saturatedReplicasKeepAddingReplicasUpToTheMaximum() {
        // Every replica full (10 of 10 sequences, KV cache 97 %): the old ceil(max / threshold) stopped at 2.
        Autoscaler a = new Autoscaler(policy(1, 6));
        int replicas = 1;
        for (int step = 0; step < 10; step++) {
            replicas = a.decide(replicas, new Signals(10, 0, 0.97), step * S);
        }
        assertThat(replicas).isEqualTo(6);
    }

    @Test
    void theRatiosScaleWithTheCurrentCountAndTheQueueDoesNot() {
        Autoscaler a = new Autoscaler(policy(1, 10));
        assertThat(a.recommend(4, new Signals(10, 0, 0))).as("4 full replicas: ceil(4 x 1.0 / 0.7)").isEqualTo(6);
        assertThat(a.recommend(4, new Signals(7.5, 0, 0))).as("0.75 / 0.7 within the 10 % tolerance").isEqualTo(4);
        assertThat(a.recommend(4, new Signals(1, 24, 0))).as("24 waiting in all / 8").isEqualTo(3);
    }

    @Test
    void replicasCombineAsAveragesOfTheRatiosAndASumOfTheQueue() {
        Signals combined = Signals.overReplicas(java.util.List.of(new Signals(10, 3, 0.9), new Signals(0, 5, 0.1)));
        assertThat(combined).isEqualTo(new Signals(5, 8, 0.5));
        assertThat(Signals.overReplicas(java.util.List.of())).isEqualTo(Signals.IDLE);
    }

    @Test
    void belowEveryActivationThresholdAModelMayGoToItsMinimumZeroIncluded() {
        assertThat(new Autoscaler(policy(0, 3)).recommend(1, Signals.IDLE)).isZero();
        assertThat(new Autoscaler(policy(0, 3)).recommend(0, new Signals(0, 1, 0))).as("one waiting activates").isEqualTo(1);
        assertThat(new Autoscaler(policy(2, 3)).recommend(1, Signals.IDLE)).isEqualTo(2);
    }

    @Test
    void upAtOnceDownOnlyAfterACooldownWithoutHigherNeed() {
        Autoscaler a = new Autoscaler(policy(1, 3));
        assertThat(a.decide(1, new Signals(9, 0, 0), 0)).isEqualTo(2);
        assertThat(a.decide(2, new Signals(1, 0, 0), 100 * S)).as("a lull inside the cooldown").isEqualTo(2);
        assertThat(a.decide(2, new Signals(1, 0, 0), 299 * S)).isEqualTo(2);
        assertThat(a.decide(2, new Signals(1, 0, 0), 301 * S)).as("300 s after the last need for two").isEqualTo(1);
    }

    @Test
    void aWakeKeepsOneReplicaForAWholeCooldown() {
        Autoscaler a = new Autoscaler(policy(0, 2));
        assertThat(a.wake(0, 0)).isEqualTo(1);
        assertThat(a.decide(1, Signals.IDLE, 200 * S)).isEqualTo(1);
        assertThat(a.decide(1, Signals.IDLE, 301 * S)).isZero();
    }

    @Test
    void theTimeScaleShortensPollingAndCooldown() {
        ScalingPolicy fast = new ScalingPolicy(1, 2, Duration.ofSeconds(15), Duration.ofSeconds(300), 0.7, 0.6, 8, 10);
        assertThat(fast.cooldown()).isEqualTo(Duration.ofSeconds(300));
        var spec = dev.sovereign.spec.inference.InferenceServiceFiles.load(java.nio.file.Path.of(System.getProperty("sov.root"),
                "models", "sov-tiny.yaml")).getFirst().value().spec();
        ScalingPolicy scaled = ScalingPolicy.of(spec, 20);
        assertThat(scaled.cooldown()).isEqualTo(Duration.ofSeconds(15));
        assertThat(scaled.pollingInterval()).isEqualTo(Duration.ofMillis(750));
        assertThat(scaled.runningRatioThreshold()).isEqualTo(0.7);
        assertThat(scaled.maxNumSeqs()).isEqualTo(8);
    }
}
