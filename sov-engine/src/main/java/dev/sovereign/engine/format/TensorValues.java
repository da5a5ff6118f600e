package dev.sovereign.engine.format;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Decodes small tensors (norm weights, biases, rope factors) into float arrays. */
public final class TensorValues {

    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private TensorValues() {
    }

    public static float[] toFloats(Tensor t) {
        int n = Math.toIntExact(t.elementCount());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (t.type()) {
                case F32 -> t.data().get(FLOAT, i * 4L);
                case F16 -> Float.float16ToFloat(t.data().get(SHORT, i * 2L));
                case BF16 -> Float.intBitsToFloat(t.data().get(SHORT, i * 2L) << 16);
                default -> throw new ModelFormatException("tensor " + t.name() + " is " + t.type()
                        + "; a vector tensor must be F32, F16 or BF16");
            };
        }
        return out;
    }
}
