package dev.sovereign.engine.kernel;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * A thousand float-vector sums added two ways, hashed: through {@link LaneSums} (a fixed tree, what the kernels use)
 * and through {@code reduceLanes(ADD)} (whose order HotSpot's interpreter and C2 choose differently, ADR 0094). Run
 * in JVMs held at different JIT tiers, the first hash must agree and the second shows that the tiers do differ.
 */
public final class LaneSumProbe {

    private LaneSumProbe() {
    }

    /** {@code {hash of the fixed-tree sums, hash of the reduceLanes sums}}. */
    public static long[] hashes() {
        SplittableRandom random = new SplittableRandom(94);
        float[] values = new float[1000 * RowDot.F.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.exp(random.nextDouble() * 8));
        }
        long tree = 0;
        long reduced = 0;
        for (int at = 0; at < values.length; at += RowDot.F.length()) {
            FloatVector v = FloatVector.fromArray(RowDot.F, values, at);
            tree = tree * 1_000_003 + Float.floatToRawIntBits(LaneSums.of(v));
            reduced = reduced * 1_000_003 + Float.floatToRawIntBits(v.reduceLanes(VectorOperators.ADD));
        }
        return new long[] {tree, reduced};
    }
}
