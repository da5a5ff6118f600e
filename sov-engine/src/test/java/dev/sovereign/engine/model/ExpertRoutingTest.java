package dev.sovereign.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sovereign.engine.format.ModelFormatException;
import org.junit.jupiter.api.Test;

class ExpertRoutingTest {

    private static final float[] LOGITS = {1f, 3f, 2f, 0f, 9f, 1f, 3f, 3f};

    @Test
    void softmaxThenTopKWithoutRenormalisation() {
        int[] experts = new int[2];
        float[] weights = new float[2];
        new ExpertRouting(4, 2, 8, false).route(LOGITS, 0, experts, weights, 0);
        double sum = Math.exp(1) + Math.exp(3) + Math.exp(2) + Math.exp(0);
        assertThat(experts).containsExactly(1, 2);
        assertThat(weights[0]).isCloseTo((float) (Math.exp(3) / sum), within(1e-6f));
        assertThat(weights[1]).isCloseTo((float) (Math.exp(2) / sum), within(1e-6f));
    }

    @Test
    void renormalisedTopKWeightsSumToOne() {
        int[] experts = new int[2];
        float[] weights = new float[2];
        new ExpertRouting(4, 2, 8, true).route(LOGITS, 0, experts, weights, 0);
        assertThat(experts).containsExactly(1, 2);
        assertThat(weights[0]).isCloseTo((float) (Math.exp(3) / (Math.exp(3) + Math.exp(2))), within(1e-6f));
        assertThat(weights[0] + weights[1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void readsItsRowAndWritesItsSlotAndTiesGoToTheLowerExpert() {
        int[] experts = {-1, -1, -1, -1};
        float[] weights = new float[4];
        new ExpertRouting(4, 2, 8, true).route(LOGITS, 4, experts, weights, 2);
        assertThat(experts).containsExactly(-1, -1, 0, 2); // logits 9, 1, 3, 3: expert 0, then 2 before 3
    }

    @Test
    void refusesMoreExpertsPerTokenThanThereAre() {
        assertThatThrownBy(() -> new ExpertRouting(4, 5, 8, true)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("experts used (5)").hasMessageContaining("expert count (4)");
    }

    @Test
    void groupsListEachExpertsRowsInRowOrderWithTheirWeights() {
        // three rows, two experts each: row 0 -> 2, 0; row 1 -> 2, 1; row 2 -> 0, 2
        int[] chosen = {2, 0, 2, 1, 0, 2};
        float[] weights = {0.6f, 0.4f, 0.7f, 0.3f, 0.5f, 0.5f};
        ExpertGroups groups = ExpertGroups.of(chosen, weights, 2, 4);
        assertThat(groups.size(0)).isEqualTo(2);
        assertThat(groups.size(1)).isEqualTo(1);
        assertThat(groups.size(2)).isEqualTo(3);
        assertThat(groups.size(3)).isZero();
        assertThat(groups.largest()).isEqualTo(3);
        assertThat(new int[] {groups.row(2, 0), groups.row(2, 1), groups.row(2, 2)}).containsExactly(0, 1, 2);
        assertThat(new float[] {groups.weight(2, 0), groups.weight(2, 1), groups.weight(2, 2)})
                .containsExactly(0.6f, 0.7f, 0.5f);
        assertThat(new int[] {groups.row(0, 0), groups.row(0, 1)}).containsExactly(0, 2);
        assertThat(groups.row(1, 0)).isEqualTo(1);
    }
}
