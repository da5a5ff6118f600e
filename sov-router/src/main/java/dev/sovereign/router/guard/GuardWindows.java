package dev.sovereign.router.guard;

import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import dev.sovereign.router.encoder.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows the jailbreak head reads in one message: the whole message up to {@link #WINDOW}
 * tokens, else windows of {@link #WINDOW} tokens every {@link #STRIDE}, so an injection buried in
 * a long document is scored on its own instead of being averaged away. A window is read as its
 * tokens' mean static vector, L2-normalised, and its tokens (for the head's token bag); block sums
 * make a window's vector cost one addition, so a message costs one pass over its tokens whatever
 * the overlap.
 */
public final class GuardWindows {

    /** One window: its mean embedding and its tokens. */
    public record Window(float[] embedding, IntList tokens) {
    }

    public static final int WINDOW = 512;
    public static final int STRIDE = WINDOW / 2;

    private GuardWindows() {
    }

    /** The windows of {@code tokens}, in order; none for no tokens. */
    public static List<Window> of(StaticEmbeddings embeddings, IntList tokens) {
        int n = tokens.size();
        List<Window> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        int blocks = (n + STRIDE - 1) / STRIDE;
        float[][] sums = new float[blocks][embeddings.dimension()];
        for (int b = 0; b < blocks; b++) {
            embeddings.addVectors(tokens, b * STRIDE, Math.min(n, (b + 1) * STRIDE), sums[b]);
        }
        if (blocks <= 2) {
            out.add(new Window(Vectors.normalize(sum(sums, 0, blocks)), tokens));
            return out;
        }
        for (int b = 0; b + 1 < blocks; b++) {
            out.add(new Window(Vectors.normalize(sum(sums, b, b + 2)), tokens.slice(b * STRIDE, Math.min(n, b * STRIDE + WINDOW))));
        }
        return out;
    }

    private static float[] sum(float[][] blocks, int from, int to) {
        float[] out = blocks[from].clone();
        for (int b = from + 1; b < to; b++) {
            for (int d = 0; d < out.length; d++) {
                out[d] += blocks[b][d];
            }
        }
        return out;
    }
}
