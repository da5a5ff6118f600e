package dev.sovereign.api.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** {@code encoding_format: base64}: the vector's float32 values, little-endian, in standard base64 (as OpenAI sends). */
public final class EmbeddingEncoding {

    private EmbeddingEncoding() {
    }

    public static String base64(float[] v) {
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            bytes.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    public static float[] fromBase64(String text) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(v);
        return v;
    }
}
