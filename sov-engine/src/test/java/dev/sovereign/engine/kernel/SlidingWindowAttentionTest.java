package dev.sovereign.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A sliding window (Mistral, Phi-3, Gemma 3's local layers) in prefill and decode: each query row sees exactly the
 * {@code window} positions ending at its own, read through the block table. The peer is unwindowed attention over a
 * block table that holds only those positions, which must give the same bits.
 */
class SlidingWindowAttentionTest {

    @ParameterizedTest(name = "window {0}, {1} rows, {2} threads")
    @CsvSource({"8, 1, 1", "8, 12, 2", "16, 5, 2", "37, 9, 4", "500, 3, 2"})
    void eachRowAttendsToItsWindowOnly(int window, int rows, int threads) {
        var shape = new Kernels.AttentionShape(8, 2, 32, 0.17f, window);
        var unwindowed = new Kernels.AttentionShape(8, 2, 32, 0.17f);
        SplittableRandom random = new SplittableRandom(window * 131L + rows);
        int context = 90;
        int poolRows = 96;
        short[] keys = HalfPrecisionCacheTest.halves(random, poolRows * shape.kvDim());
        short[] values = HalfPrecisionCacheTest.halves(random, poolRows * shape.kvDim());
        int[] kvRow = F32CacheAttention.scatteredBlocks(context);
        float[] q = new float[rows * shape.qDim()];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian() * 3;
        }
        int start = context - rows;
        float[] ours = new float[q.length];
        try (VectorKernels kernels = new VectorKernels(threads)) {
            kernels.attention(shape, q, new short[][] {keys}, new short[][] {values}, new int[][] {kvRow},
                    new int[] {start}, new int[] {0}, new int[] {rows}, ours);
            for (int r = 0; r < rows; r++) {
                int position = start + r;
                int first = shape.firstVisible(position);
                assertThat(position - first + 1).isEqualTo(Math.min(window, position + 1));
                float[] oneQuery = Arrays.copyOfRange(q, r * shape.qDim(), (r + 1) * shape.qDim());
                float[] expected = new float[shape.qDim()];
                kernels.attention(unwindowed, oneQuery, new short[][] {keys}, new short[][] {values},
                        new int[][] {Arrays.copyOfRange(kvRow, first, position + 1)}, new int[] {position - first},
                        new int[] {0}, new int[] {1}, expected);
                assertThat(Arrays.copyOfRange(ours, r * shape.qDim(), (r + 1) * shape.qDim()))
                        .as("row %d at position %d", r, position).containsExactly(expected);
            }
        }
    }
}
