package dev.sovereign.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quantized matrix multiply: each token's result is the same bits whatever batch, tile and thread split it was
 * computed in (continuous batching relies on it), and matches a double-precision product of the dequantized
 * weights with the activations rounded as llama.cpp rounds them (Q8_0, or Q8_K for K-quants), for every block type.
 */
class QuantizedMatmulTest {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @ParameterizedTest(name = "{0}, {1} threads, batch {2}")
    @CsvSource({"Q8_0, 1, 11", "Q8_0, 3, 11", "Q4_0, 1, 11", "Q4_0, 2, 11", "Q8_0, 2, 39", "Q4_0, 3, 39",
        "Q4_1, 2, 11", "Q4_1, 3, 39", "Q5_0, 1, 11", "Q5_0, 2, 39", "Q5_1, 3, 11", "Q5_1, 2, 39",
        "Q4_K, 1, 11", "Q4_K, 2, 39", "Q5_K, 3, 11", "Q5_K, 2, 39", "Q6_K, 2, 11", "Q6_K, 3, 39"})
    void aTokensResultDoesNotDependOnTheBatchAroundIt(DType type, int threads, int batch) {
        // 39 tokens take the decoded panels (from 32), 11 and 1 the per-tile decoding: the same bits either way
        int rows = 37;
        int columns = type.kQuant() ? 512 : 96;
        WeightMatrix w = randomMatrix(type, rows, columns, 1);
        float[] in = randomActivations(batch * columns, 2);
        float[] together = new float[batch * rows];
        try (VectorKernels kernels = new VectorKernels(threads)) {
            kernels.matmul(w, in, together, batch);
            for (int t = 0; t < batch; t++) {
                float[] alone = new float[rows];
                kernels.matmul(w, Arrays.copyOfRange(in, t * columns, (t + 1) * columns), alone, 1);
                assertThat(Arrays.copyOfRange(together, t * rows, (t + 1) * rows)).as("token %d", t)
                        .containsExactly(alone);
            }
        }
    }

    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"Q8_0, 6", "Q4_0, 6", "Q8_0, 34", "Q4_0, 34", "Q4_1, 6", "Q5_0, 34", "Q5_1, 6", "Q4_K, 6",
        "Q4_K, 34", "Q5_K, 6", "Q5_K, 34", "Q6_K, 6", "Q6_K, 34"})
    void matchesTheDequantizedProduct(DType type, int batch) {
        int rows = 22;
        int columns = 256;
        WeightMatrix w = randomMatrix(type, rows, columns, 3);
        float[] in = randomActivations(batch * columns, 4);
        float[] out = new float[batch * rows];
        try (VectorKernels kernels = new VectorKernels(2)) {
            kernels.matmul(w, in, out, batch);
        }
        float[] rounded = new float[in.length];
        for (int t = 0; t < batch; t++) {
            if (type.kQuant()) {
                Quantizer.activationsThroughQ8K(in, t * columns, columns, rounded, t * columns);
            } else {
                Quantizer.activationsThroughQ8(in, t * columns, columns, rounded, t * columns);
            }
        }
        float[] row = new float[columns];
        for (int r = 0; r < rows; r++) {
            try (VectorKernels one = new VectorKernels(1)) {
                one.embedding(w, r, row, 0); // a row of weights, dequantized
            }
            for (int t = 0; t < batch; t++) {
                double expected = 0;
                double magnitude = 0;
                for (int c = 0; c < columns; c++) {
                    expected += (double) row[c] * rounded[t * columns + c];
                    magnitude += Math.abs((double) row[c] * rounded[t * columns + c]);
                }
                assertThat((double) out[t * rows + r]).as("row %d token %d", r, t)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * magnitude));
            }
        }
    }

    private static WeightMatrix randomMatrix(DType type, int rows, int columns, long seed) {
        WeightMatrix w = RandomWeights.matrix(type, rows, columns, seed);
        long superBlockScale = type == DType.Q6_K ? 208 : 0;
        assertThat(Float.float16ToFloat(w.data().get(F16, superBlockScale))).isNotZero();
        return w;
    }

    private static float[] randomActivations(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
