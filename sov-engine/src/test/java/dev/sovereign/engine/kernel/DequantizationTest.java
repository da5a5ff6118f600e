package dev.sovereign.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.engine.format.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every block type decodes (through the vector decoder all matmul paths share) to exactly the values of an
 * independent scalar decoder written from ggml's dequantization, and our test quantizer's values stay within the
 * error its bit width allows of the floats it was given.
 */
class DequantizationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q8_0, 0.01", "Q4_0, 0.13", "Q4_1, 0.11", "Q5_0, 0.065", "Q5_1, 0.055", "Q4_K, 0.11", "Q5_K, 0.055",
        "Q6_K, 0.03"})
    void vectorDecodeEqualsTheReferenceDecode(DType type, double relativeRmsError) {
        int rows = 9;
        int columns = 1024;
        WeightMatrix w = RandomWeights.matrix(type, rows, columns, 7);
        float[] original = RandomWeights.values(rows, columns, 7);
        double error = 0;
        double energy = 0;
        try (VectorKernels kernels = new VectorKernels(1)) {
            for (int r = 0; r < rows; r++) {
                float[] ours = new float[columns];
                kernels.embedding(w, r, ours, 0);
                float[] reference = ReferenceDequantizer.row(type, w.data(), r * w.rowBytes(), columns);
                assertThat(ours).as("row %d", r).containsExactly(reference);
                for (int c = 0; c < columns; c++) {
                    double v = original[r * columns + c];
                    error += (reference[c] - v) * (reference[c] - v);
                    energy += v * v;
                }
            }
        }
        assertThat(Math.sqrt(error / energy)).as("relative RMS error of the quantized values")
                .isLessThan(relativeRmsError);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q4_K", "Q5_K", "Q6_K"})
    void aSuperBlockOfZerosDecodesToZeros(DType type) {
        float[] zeros = new float[256];
        WeightMatrix w = RandomWeights.of(type, 1, 256, zeros);
        float[] reference = ReferenceDequantizer.row(type, w.data(), 0, 256);
        float[] ours = new float[256];
        try (VectorKernels kernels = new VectorKernels(1)) {
            kernels.embedding(w, 0, ours, 0);
        }
        assertThat(ours).containsExactly(reference);
        for (float v : ours) {
            assertThat(v == 0f).as("zero (Q6_K's offset codes give -0.0, as in ggml)").isTrue();
        }
    }
}
