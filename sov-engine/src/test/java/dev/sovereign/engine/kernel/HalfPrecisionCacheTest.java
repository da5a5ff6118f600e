package dev.sovereign.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sovereign.engine.scheduler.BlockManager;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The F16 KV cache (ADR 0097): exact widening, and attention over it equal to the F32 cache it replaced. */
class HalfPrecisionCacheTest {

    @Test
    void attentionReadsTheBlocksTheBlockManagerHandsOut() {
        assertThat(Kernels.KV_BLOCK).isEqualTo(BlockManager.BLOCK_SIZE);
    }

    @Test
    void widensEveryHalfExactlyAtEveryTier() {
        short[] all = new short[1 << 16];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) i;
        }
        float[] out = new float[all.length];
        for (int round = 0; round < 200; round++) { // long enough for C2 to compile the widening loop
            Fp16.widen(all, 0, out, 0, all.length);
            for (int i = 0; i < all.length; i++) {
                float expected = fromBits(i);
                if (Float.isNaN(expected)) {
                    assertThat(out[i]).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(out[i])).as("half %04x in round %d", i, round)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }

    /** IEEE binary16 by its definition: sign, five exponent bits biased by 15, ten fraction bits. */
    private static float fromBits(int bits) {
        int sign = (bits >>> 15) == 1 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return fraction == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        double value = exponent == 0 ? Math.scalb(fraction, -24) : Math.scalb(1024 + fraction, exponent - 25);
        return (float) (sign * value);
    }

    @ParameterizedTest(name = "{0} threads, {1} rows")
    @CsvSource({"1, 1", "1, 16", "2, 1", "4, 1", "4, 7"})
    void attentionOverTheF16CacheEqualsTheF32CacheBitForBit(int threads, int rows) {
        var shape = new Kernels.AttentionShape(14, 2, 64, 0.125f);
        assumeTrue(RowDot.F.length() * 4 == shape.headDim(), "the F32 peer only handles heads four vectors wide");
        SplittableRandom random = new SplittableRandom(threads * 31L + rows);
        int context = 203;
        int poolRows = 208;
        short[] keys = halves(random, poolRows * shape.kvDim());
        short[] values = halves(random, poolRows * shape.kvDim());
        int[] kvRow = F32CacheAttention.scatteredBlocks(context);
        if (rows == 7) {
            kvRow[100] = 207; // a row out of its block's run: the chunk holding it is widened position by position
        }
        float[] q = new float[rows * shape.qDim()];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) random.nextGaussian() * 3;
        }
        float[] ours = new float[q.length];
        float[] theirs = new float[q.length];
        try (VectorKernels kernels = new VectorKernels(threads); Parallel team = new Parallel(threads)) {
            kernels.attention(shape, q, new short[][] {keys}, new short[][] {values}, new int[][] {kvRow},
                    new int[] {context - rows}, new int[] {0}, new int[] {rows}, ours);
            float[] keys32 = F32CacheAttention.rowMajor(keys, shape, poolRows);
            float[] values32 = F32CacheAttention.rowMajor(values, shape, poolRows);
            new F32CacheAttention(team).attention(shape, q, keys32, values32, kvRow, context - rows, rows, theirs);
        }
        assertThat(ours).containsExactly(theirs);
    }

    static short[] halves(SplittableRandom random, int n) {
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.floatToFloat16((float) random.nextGaussian());
        }
        return x;
    }
}
