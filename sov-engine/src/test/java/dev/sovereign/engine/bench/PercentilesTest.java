package dev.sovereign.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentiles agree with numpy.percentile's default (linear), which vLLM's benchmark reports. */
class PercentilesTest {

    @Test
    void interpolatesBetweenRanksAsNumpyDoes() {
        // numpy.percentile([4, 1, 3, 2], [50, 90, 99]) == [2.5, 3.7, 3.97]
        List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);
        assertThat(Percentiles.of(values, 50)).isCloseTo(2.5, within(1e-12));
        assertThat(Percentiles.of(values, 90)).isCloseTo(3.7, within(1e-12));
        assertThat(Percentiles.of(values, 99)).isCloseTo(3.97, within(1e-12));
        assertThat(Percentiles.of(values, 0)).isEqualTo(1.0);
        assertThat(Percentiles.of(values, 100)).isEqualTo(4.0);
    }

    @Test
    void oneValueIsEveryPercentileAndNoneIsNaN() {
        assertThat(Percentiles.of(List.of(7.0), 99)).isEqualTo(7.0);
        assertThat(Percentiles.of(List.of(), 50)).isNaN();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndTheInputStaysUnsorted() {
        // sov bench engine took the upper middle (3.0 here) before the benchmarks shared one median
        double[] rounds = {4.0, 1.0, 3.0, 2.0};
        assertThat(Percentiles.median(rounds)).isEqualTo(2.5);
        assertThat(Percentiles.median(new double[] {5.0, 1.0, 3.0})).isEqualTo(3.0);
        assertThat(rounds).containsExactly(4.0, 1.0, 3.0, 2.0);
    }
}
