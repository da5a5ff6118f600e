package dev.sovereign.engine.kernel;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/** Q8_0 or Q4_0 matrices of Gaussian weights (sd 0.1), quantized as llama.cpp's converter does, for kernel tests. */
final class RandomWeights {

    private RandomWeights() {
    }

    static WeightMatrix matrix(DType type, int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemorySegment data = Arena.ofAuto().allocate((long) rows * type.bytesFor(columns));
        float[] row = new float[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) random.nextGaussian() * 0.1f;
            }
            if (type == DType.Q8_0) {
                Quantizer.toQ8_0(row, 0, columns, data, r * type.bytesFor(columns));
            } else {
                Quantizer.toQ4_0(row, 0, columns, data, r * type.bytesFor(columns));
            }
        }
        return new WeightMatrix("w", type, rows, columns, data);
    }
}
