package dev.sovereign.router.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API sum gives exactly the scalar sum, so heads trained before it stay valid. */
class StaticEmbeddingsTest {

    @Test
    void vectorSumIsBitIdenticalToTheScalarSum() {
        int vocab = 500;
        Random random = new Random(3);
        float[] table = new float[vocab * OnnxEncoder.DIM];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian() * (random.nextBoolean() ? 1e-3f : 10f);
        }
        assertThat(StaticEmbeddings.LANE_SUMS).as("the test JVM has the Vector API module").isTrue();
        StaticEmbeddings embeddings = new StaticEmbeddings(table, vocab);
        IntList tokens = new IntList(3000);
        for (int i = 0; i < 3000; i++) {
            tokens.add(random.nextInt(vocab + 20) - 10);  // unknown ids (negative, past the table) are skipped
        }
        float[] expected = new float[OnnxEncoder.DIM];
        for (int i = 7; i < 2900; i++) {
            int id = tokens.get(i);
            if (id < 0 || id >= vocab) {
                continue;
            }
            for (int d = 0; d < OnnxEncoder.DIM; d++) {
                expected[d] += table[id * OnnxEncoder.DIM + d];
            }
        }
        float[] actual = new float[OnnxEncoder.DIM];
        embeddings.addVectors(tokens, 7, 2900, actual);
        assertThat(actual).containsExactly(expected);
    }
}
