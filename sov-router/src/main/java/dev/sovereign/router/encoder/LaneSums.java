package dev.sovereign.router.encoder;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums of static token vectors with the Vector API, lane-wise and token by token, so each
 * dimension is added in the same order as a scalar loop and the result is bit-identical to it.
 * Only loaded when {@link StaticEmbeddings#LANE_SUMS}: a JVM started without {@code --add-modules
 * jdk.incubator.vector} gets the scalar loop instead of a {@code NoClassDefFoundError}.
 */
final class LaneSums {

    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;

    private LaneSums() {
    }

    static void add(float[] table, int vocab, IntList tokens, int from, int to, float[] sum) {
        int dim = OnnxEncoder.DIM;
        int vectorized = LANES.loopBound(dim);
        for (int i = from; i < to; i++) {
            int id = tokens.get(i);
            if (id < 0 || id >= vocab) {
                continue;
            }
            int base = id * dim;
            int d = 0;
            for (; d < vectorized; d += LANES.length()) {
                FloatVector.fromArray(LANES, sum, d).add(FloatVector.fromArray(LANES, table, base + d)).intoArray(sum, d);
            }
            for (; d < dim; d++) {
                sum[d] += table[base + d];
            }
        }
    }
}
