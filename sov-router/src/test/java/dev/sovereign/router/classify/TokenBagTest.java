package dev.sovereign.router.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sovereign.router.encoder.IntList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBagTest {

    private static IntList tokens(int... ids) {
        IntList list = new IntList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return list;
    }

    @Test
    void vocabularyIsTheTrainingTokensWithSmoothedIdf() {
        TokenBag bag = TokenBag.vocabulary(List.of(tokens(7, 3, 7), tokens(3, 9)), 2, 2);
        assertThat(bag.tokens()).containsExactly(3, 7, 9);
        // token 3 is in both documents, 7 and 9 in one: ln(3/3) + 1 and ln(3/2) + 1
        assertThat(bag.idf()[0]).isCloseTo(1f, within(1e-6f));
        assertThat(bag.idf()[1]).isCloseTo((float) (Math.log(1.5) + 1), within(1e-6f));
        assertThat(bag.weights()).hasDimensions(2, 3);
    }

    @Test
    void aPromptsVectorCountsKnownTokensIgnoresUnseenOnesAndHasUnitLength() {
        TokenBag bag = new TokenBag(new int[] {3, 7}, new float[] {1f, 2f}, new float[][] {{1f, 0f}, {0f, 1f}});
        TokenBag.Vector v = bag.vector(tokens(7, 3, 3, 12345, -1));
        assertThat(v.columns()).containsExactly(0, 1);
        double a = 1 + Math.log(2);   // token 3 twice, idf 1
        double b = 2;                 // token 7 once, idf 2
        double norm = Math.sqrt(a * a + b * b);
        assertThat(v.values()[0]).isCloseTo((float) (a / norm), within(1e-6f));
        assertThat(v.values()[1]).isCloseTo((float) (b / norm), within(1e-6f));
        double[] logits = new double[2];
        bag.addLogits(tokens(7, 3, 3), logits);
        assertThat(logits[0]).isCloseTo(a / norm, within(1e-6));
        assertThat(logits[1]).isCloseTo(b / norm, within(1e-6));
    }

    @Test
    void noKnownTokensGiveAnEmptyVector() {
        TokenBag bag = new TokenBag(new int[] {3}, new float[] {1f}, new float[][] {{5f}});
        assertThat(bag.vector(tokens(4, 5)).columns()).isEmpty();
        double[] logits = new double[1];
        bag.addLogits(tokens(), logits);
        assertThat(logits[0]).isZero();
    }
}
