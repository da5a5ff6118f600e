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
    void eachTriggerAsksForCeilOfValueOverThresholdAndTheLargestWins() {
        Autoscaler a = new Autoscaler(policy(1, 5));
        assertThat(a.recommend(new Signals(7, 0, 0))).as("0.7 exactly: stay").isEqualTo(1);
        assertThat(a.recommend(new Signals(8, 0, 0))).as("0.8 / 0.7").isEqualTo(2);
        assertThat(a.recommend(new Signals(1, 0, 0.9))).as("KV 0.9 / 0.6").isEqualTo(2);
        assertThat(a.recommend(new Signals(1, 20, 0.1))).as("waiting 20 / 8").isEqualTo(3);
        assertThat(a.recommend(new Signals(10, 100, 1.0))).as("clamped to max").isEqualTo(5);
    }

    @Test
    void belowEveryActivationThresholdAModelMayGoToItsMinimumZeroIncluded() {
        assertThat(new Autoscaler(policy(0, 3)).recommend(Signals.IDLE)).isZero();
        assertThat(new Autoscaler(policy(0, 3)).recommend(new Signals(0, 1, 0))).as("one waiting activates").isEqualTo(1);
        assertThat(new Autoscaler(policy(2, 3)).recommend(Signals.IDLE)).isEqualTo(2);
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
