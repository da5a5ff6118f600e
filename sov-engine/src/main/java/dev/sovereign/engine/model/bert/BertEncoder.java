package dev.sovereign.engine.model.bert;

import dev.sovereign.engine.kernel.Kernels;
import java.util.List;

/**
 * A post-LN BERT encoder pass (absolute positions, token types, bidirectional attention, GELU) over several
 * sequences at once: every matrix product runs once over all their tokens; attention stays within a sequence.
 * Thread-safe: it holds only read-only weights.
 */
public final class BertEncoder {

    private final BertConfig config;
    private final BertWeights weights;

    BertEncoder(BertConfig config, BertWeights weights) {
        this.config = config;
        this.weights = weights;
    }

    public BertConfig config() {
        return config;
    }

    /** One input: token ids and their token types (segment ids), of equal length. */
    public record Input(int[] ids, int[] types) {
        public Input {
            if (ids.length != types.length) {
                throw new IllegalArgumentException(ids.length + " ids but " + types.length + " token types");
            }
        }

        public static Input of(int[] ids) {
            return new Input(ids, new int[ids.length]);
        }
    }

    /** The last hidden states of each input: {@code [input][token * hidden + d]}. */
    public float[][] hiddenStates(List<Input> inputs, Kernels kernels) {
        int h = config.hidden();
        int[] first = new int[inputs.size()];
        int total = 0;
        for (int s = 0; s < inputs.size(); s++) {
            check(inputs.get(s));
            first[s] = total;
            total += inputs.get(s).ids().length;
        }
        float[] x = embed(inputs, total, kernels);
        float[] q = new float[total * h];
        float[] k = new float[total * h];
        float[] v = new float[total * h];
        float[] context = new float[total * h];
        float[] projected = new float[total * h];
        float[] up = new float[total * config.ffn()];
        for (BertWeights.Layer layer : weights.layers()) {
            linear(kernels, layer.q(), layer.qBias(), x, q, total);
            linear(kernels, layer.k(), layer.kBias(), x, k, total);
            linear(kernels, layer.v(), layer.vBias(), x, v, total);
            for (int s = 0; s < inputs.size(); s++) {
                attention(q, k, v, context, first[s], inputs.get(s).ids().length);
            }
            linear(kernels, layer.out(), layer.outBias(), context, projected, total);
            addAndNorm(x, projected, layer.attnNormWeight(), layer.attnNormBias(), total);
            linear(kernels, layer.up(), layer.upBias(), x, up, total);
            Gelu.apply(up, 0, up.length, config.exactGelu());
            linear(kernels, layer.down(), layer.downBias(), up, projected, total);
            addAndNorm(x, projected, layer.ffnNormWeight(), layer.ffnNormBias(), total);
        }
        float[][] out = new float[inputs.size()][];
        for (int s = 0; s < inputs.size(); s++) {
            out[s] = java.util.Arrays.copyOfRange(x, first[s] * h, (first[s] + inputs.get(s).ids().length) * h);
        }
        return out;
    }

    private void check(Input input) {
        int n = input.ids().length;
        if (n == 0) {
            throw new IllegalArgumentException("an input has no tokens");
        }
        if (n > config.positions()) {
            throw new IllegalArgumentException("an input of " + n + " tokens is longer than the " + config.positions()
                    + " positions the model has");
        }
        for (int i = 0; i < n; i++) {
            if (input.ids()[i] < 0 || input.ids()[i] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + input.ids()[i] + " is outside the vocabulary (0 to "
                        + (config.vocabSize() - 1) + ")");
            }
            if (input.types()[i] < 0 || input.types()[i] >= config.typeVocab()) {
                throw new IllegalArgumentException("token type " + input.types()[i] + " is outside 0 to "
                        + (config.typeVocab() - 1));
            }
        }
    }

    /** Word + position + token type embeddings, then LayerNorm. */
    private float[] embed(List<Input> inputs, int total, Kernels kernels) {
        int h = config.hidden();
        float[] x = new float[total * h];
        float[] row = new float[h];
        int t = 0;
        for (Input input : inputs) {
            for (int p = 0; p < input.ids().length; p++, t++) {
                kernels.embedding(weights.tokens(), input.ids()[p], x, t * h);
                kernels.embedding(weights.positions(), p, row, 0);
                for (int d = 0; d < h; d++) {
                    x[t * h + d] += row[d];
                }
                kernels.embedding(weights.types(), input.types()[p], row, 0);
                for (int d = 0; d < h; d++) {
                    x[t * h + d] += row[d];
                }
                layerNorm(x, t * h, weights.embedNormWeight(), weights.embedNormBias());
            }
        }
        return x;
    }

    private static void linear(Kernels kernels, dev.sovereign.engine.kernel.WeightMatrix w, float[] bias, float[] in,
            float[] out, int tokens) {
        kernels.matmul(w, in, out, tokens);
        int rows = w.rows();
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < rows; r++) {
                out[t * rows + r] += bias[r];
            }
        }
    }

    /** Softmax(q k^T / sqrt(d)) v per head over the {@code n} tokens of one sequence starting at row {@code first}. */
    private void attention(float[] q, float[] k, float[] v, float[] out, int first, int n) {
        int h = config.hidden();
        int hd = config.headDim();
        float scale = (float) (1 / Math.sqrt(hd));
        float[] scores = new float[n];
        for (int head = 0; head < config.heads(); head++) {
            int off = head * hd;
            for (int i = 0; i < n; i++) {
                int qi = (first + i) * h + off;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    int kj = (first + j) * h + off;
                    float dot = 0;
                    for (int d = 0; d < hd; d++) {
                        dot += q[qi + d] * k[kj + d];
                    }
                    scores[j] = dot * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    scores[j] = (float) Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                int oi = (first + i) * h + off;
                java.util.Arrays.fill(out, oi, oi + hd, 0f);
                for (int j = 0; j < n; j++) {
                    float p = (float) (scores[j] / sum);
                    int vj = (first + j) * h + off;
                    for (int d = 0; d < hd; d++) {
                        out[oi + d] += p * v[vj + d];
                    }
                }
            }
        }
    }

    /** {@code x = LayerNorm(x + residual)} row by row (post-LN, as BERT). */
    private void addAndNorm(float[] x, float[] residual, float[] weight, float[] bias, int tokens) {
        int h = config.hidden();
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < h; d++) {
                x[t * h + d] += residual[t * h + d];
            }
            layerNorm(x, t * h, weight, bias);
        }
    }

    private void layerNorm(float[] x, int off, float[] weight, float[] bias) {
        int h = config.hidden();
        double mean = 0;
        for (int d = 0; d < h; d++) {
            mean += x[off + d];
        }
        mean /= h;
        double var = 0;
        for (int d = 0; d < h; d++) {
            double c = x[off + d] - mean;
            var += c * c;
        }
        double inv = 1 / Math.sqrt(var / h + config.eps());
        for (int d = 0; d < h; d++) {
            x[off + d] = (float) ((x[off + d] - mean) * inv * weight[d] + bias[d]);
        }
    }
}
