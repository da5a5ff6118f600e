package dev.sovereign.router.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.StaticEmbeddings;
import dev.sovereign.router.encoder.Vectors;
import org.junit.jupiter.api.Test;

class GuardWindowsTest {

    private static final StaticEmbeddings EMBEDDINGS = EncoderModels.shared().staticEmbeddings();

    private static IntList tokens(int n) {
        IntList t = new IntList(n);
        for (int i = 0; i < n; i++) {
            t.add(1000 + (i * 7919) % 20000);
        }
        return t;
    }

    @Test
    void aShortMessageIsOneWindowEqualToItsMeanEmbedding() {
        IntList t = tokens(300);
        assertThat(GuardWindows.of(EMBEDDINGS, t)).hasSize(1);
        assertThat(GuardWindows.of(EMBEDDINGS, t).getFirst().embedding())
                .containsExactly(EMBEDDINGS.embed(t), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(GuardWindows.of(EMBEDDINGS, tokens(0))).isEmpty();
    }

    @Test
    void aLongMessageHasOverlappingWindowsEachTheMeanOfItsTokens() {
        int n = 5 * GuardWindows.STRIDE + 17;
        IntList t = tokens(n);
        var windows = GuardWindows.of(EMBEDDINGS, t);
        assertThat(windows).hasSize(5);
        for (int w = 0; w < windows.size(); w++) {
            int from = w * GuardWindows.STRIDE;
            int to = Math.min(n, from + GuardWindows.WINDOW);
            float[] expected = new float[EMBEDDINGS.dimension()];
            EMBEDDINGS.addVectors(t, from, to, expected);
            assertThat(windows.get(w).embedding()).containsExactly(Vectors.normalize(expected), org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(windows.get(w).tokens().toArray()).containsExactly(java.util.Arrays.copyOfRange(t.toArray(), from, to));
        }
    }
}
