package dev.sovereign.engine.model.bert;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.tokenizer.WordPieceTokenizer;
import java.util.List;

/** A loaded sentence encoder: tokenizer, encoder, and the pooling and normalisation that make one vector of it. */
public record EncoderModel(String name, BertEncoder encoder, WordPieceTokenizer tokenizer) {

    public BertConfig config() {
        return encoder.config();
    }

    /** The sentence vectors of the inputs, pooled and normalised as the model says, in one encoder pass. */
    public float[][] embed(List<BertEncoder.Input> inputs, Kernels kernels) {
        float[][] states = encoder.hiddenStates(inputs, kernels);
        float[][] out = new float[states.length][];
        for (int s = 0; s < states.length; s++) {
            out[s] = pool(states[s], config());
        }
        return out;
    }

    /** One sentence vector from a sequence's hidden states ({@code tokens * hidden} values). */
    public static float[] pool(float[] states, BertConfig config) {
        int h = config.hidden();
        int n = states.length / h;
        float[] v = new float[h];
        if (config.pooling() == Pooling.CLS) {
            System.arraycopy(states, 0, v, 0, h);
        } else {
            double[] sum = new double[h];
            for (int t = 0; t < n; t++) {
                for (int d = 0; d < h; d++) {
                    sum[d] += states[t * h + d];
                }
            }
            for (int d = 0; d < h; d++) {
                v[d] = (float) (sum[d] / n);
            }
        }
        return config.normalize() ? normalized(v, h) : v;
    }

    /** The first {@code size} values scaled to unit length (Matryoshka truncation, or plain normalisation). */
    public static float[] normalized(float[] v, int size) {
        double norm = 0;
        for (int d = 0; d < size; d++) {
            norm += (double) v[d] * v[d];
        }
        // as torch.nn.functional.normalize: a zero vector stays zero
        double scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
        float[] out = new float[size];
        for (int d = 0; d < size; d++) {
            out[d] = (float) (v[d] * scale);
        }
        return out;
    }
}
