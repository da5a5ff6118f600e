package dev.sovereign.router.encoder;

import java.util.Arrays;

/** The shared feature layout: the sentence embedding followed by log(1 + tokens). */
final class Features {
    private Features() {
    }

    static float[] withLength(float[] embedding, int tokens) {
        float[] out = Arrays.copyOf(embedding, embedding.length + 1);
        out[embedding.length] = (float) Math.log1p(tokens);
        return out;
    }
}
