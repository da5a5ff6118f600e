package dev.sovereign.engine.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Bf16Test {

    @Test
    void roundsToNearestWithTiesToEven() {
        // 1 + 2^-8 lies halfway between bf16 1.0 and 1.0078125: the tie goes to the even mantissa (1.0)
        assertThat(Bf16.toFloat(Bf16.round(1f + 0x1p-8f))).isEqualTo(1f);
        // 1.0078125 + 2^-8 lies halfway between 1.0078125 (odd) and 1.015625 (even): up
        assertThat(Bf16.toFloat(Bf16.round(1.0078125f + 0x1p-8f))).isEqualTo(1.015625f);
        // just above the tie rounds up, just below rounds down
        assertThat(Bf16.toFloat(Bf16.round(Math.nextUp(1f + 0x1p-8f)))).isEqualTo(1.0078125f);
        assertThat(Bf16.toFloat(Bf16.round(Math.nextDown(1f + 0x1p-8f)))).isEqualTo(1f);
        assertThat(Bf16.toFloat(Bf16.round(-3.14159f))).isEqualTo(-3.140625f);
    }

    @Test
    void keepsSpecialValues() {
        assertThat(Bf16.toFloat(Bf16.round(Float.POSITIVE_INFINITY))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Bf16.toFloat(Bf16.round(-0f))).isEqualTo(-0f);
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.round(Float.NaN)))).isTrue();
        // a NaN whose payload sits only in the low half must not round to infinity
        assertThat(Float.isNaN(Bf16.toFloat(Bf16.round(Float.intBitsToFloat(0x7f800001))))).isTrue();
        // the largest float rounds up to infinity, as the CUDA intrinsic does
        assertThat(Bf16.toFloat(Bf16.round(Float.MAX_VALUE))).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void agreesWithRoundingThroughDoubleArithmetic() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 6)));
            float r = Bf16.toFloat(Bf16.round(v));
            float down = Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0xffff0000);
            float up = Float.intBitsToFloat((Float.floatToRawIntBits(v) & 0xffff0000) + 0x10000);
            double dDown = Math.abs((double) v - down);
            double dUp = Math.abs((double) up - v);
            float nearest = dDown < dUp ? down : dUp < dDown ? up
                    : ((Float.floatToRawIntBits(down) >>> 16) & 1) == 0 ? down : up;
            assertThat(r).as("bf16 of %s", v).isEqualTo(nearest);
        }
    }
}
