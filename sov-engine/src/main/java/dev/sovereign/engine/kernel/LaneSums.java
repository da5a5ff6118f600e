package dev.sovereign.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sum of a float vector's lanes, added in one fixed tree (each lane with the lane half the vector away, then a
 * quarter, ...), so it is the same bits whether the interpreter, C1 or C2 runs it.
 *
 * <p>{@code reduceLanes(ADD)} is not: the interpreter adds the lanes in order, C2's instruction sequence adds them in
 * another, and the engine's tokens then depended on how warm the JIT was when a request ran (client tests on sov-tiny
 * answered differently on clean clones). Adds and lane permutations are exact in every tier.
 */
final class LaneSums {

    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    private static final VectorShuffle<Float> SWAP8 = VectorShuffle.fromOp(F512, i -> i ^ 8);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(F512, i -> i ^ 4);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(F512, i -> i ^ 2);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(F512, i -> i ^ 1);
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> PREFERRED_HALF =
            VectorShuffle.fromOp(PREFERRED, i -> i ^ (PREFERRED.length() / 2));
    private static final VectorShuffle<Float> PREFERRED_QUARTER =
            VectorShuffle.fromOp(PREFERRED, i -> i ^ Math.max(1, PREFERRED.length() / 4));
    private static final VectorShuffle<Float> PREFERRED_EIGHTH =
            VectorShuffle.fromOp(PREFERRED, i -> i ^ Math.max(1, PREFERRED.length() / 8));

    private LaneSums() {
    }

    /** The lanes' sum of a 512-bit vector. */
    static float of512(FloatVector v) {
        v = v.add(v.rearrange(SWAP8));
        v = v.add(v.rearrange(SWAP4));
        v = v.add(v.rearrange(SWAP2));
        v = v.add(v.rearrange(SWAP1));
        return v.lane(0);
    }

    /** The lanes' sum of a vector of the machine's preferred shape (4, 8 or 16 lanes). */
    static float of(FloatVector v) {
        if (PREFERRED.length() == 16) {
            return of512(v);
        }
        v = v.add(v.rearrange(PREFERRED_HALF));
        v = v.add(v.rearrange(PREFERRED_QUARTER));
        if (PREFERRED.length() == 8) {
            v = v.add(v.rearrange(PREFERRED_EIGHTH));
        }
        return v.lane(0);
    }
}
