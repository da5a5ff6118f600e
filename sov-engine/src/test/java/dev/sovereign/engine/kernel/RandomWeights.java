package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.testmodel.BlockQuantizer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/** Quantized matrices of Gaussian weights (sd 0.1), quantized as llama.cpp's tools do, for kernel tests. */
final class RandomWeights {

    private RandomWeights() {
    }

    static WeightMatrix matrix(DType type, int rows, int columns, long seed) {
        return of(type, rows, columns, values(rows, columns, seed));
    }

    /** The floats {@link #matrix} quantizes. */
    static float[] values(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * 0.1f;
        }
        return v;
    }

    static WeightMatrix of(DType type, int rows, int columns, float[] values) {
        MemorySegment data = Arena.ofAuto().allocate((long) rows * type.bytesFor(columns));
        for (int r = 0; r < rows; r++) {
            BlockQuantizer.encode(type, values, r * columns, columns, data, r * type.bytesFor(columns));
        }
        return new WeightMatrix("w", type, rows, columns, data);
    }
}
