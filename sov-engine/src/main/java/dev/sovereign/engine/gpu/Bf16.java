package dev.sovereign.engine.gpu;

/** bfloat16, the upper half of a float32, as the GPU decoder stores weights and GEMM inputs. */
final class Bf16 {

    private Bf16() {
    }

    /**
     * Rounds to the nearest bfloat16, ties to even, as PyTorch's {@code .to(torch.bfloat16)} and CUDA's
     * {@code __float2bfloat16_rn} do; NaN stays a (quiet) NaN instead of rounding into infinity.
     */
    static short round(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7fff + lsb) >>> 16);
    }

    static float toFloat(short bf16) {
        return Float.intBitsToFloat(bf16 << 16);
    }
}
