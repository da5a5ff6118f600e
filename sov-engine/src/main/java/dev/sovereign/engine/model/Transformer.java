package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Fp16;
import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.Kernels.AttentionShape;

/**
 * The decoder forward pass shared by every supported architecture: pre-norm attention with optional qkv bias and
 * q/k norm, then a SwiGLU feed-forward block. A call processes a batch of consecutive tokens of one sequence, so
 * prompt processing runs as matrix-matrix products.
 */
public final class Transformer {

    private final ModelConfig config;
    private final ModelWeights weights;
    private final Kernels kernels;
    private final Rope rope;
    private final AttentionShape shape;

    public Transformer(ModelConfig config, ModelWeights weights, Kernels kernels) {
        this.config = config;
        this.weights = weights;
        this.kernels = kernels;
        this.rope = new Rope(config);
        this.shape = new AttentionShape(config.heads(), config.kvHeads(), config.headDim(),
                (float) (1.0 / Math.sqrt(config.headDim())));
    }

    public ModelConfig config() {
        return config;
    }

    public KvCache newCache(int capacity) {
        return new KvCache(config, capacity);
    }

    /**
     * Runs {@code count} tokens from {@code tokens[from]} at positions {@code start ..} and returns the logits of
     * the last one ({@code vocabSize} floats). The cache must have room for {@code start + count} positions.
     */
    public float[] forward(int[] tokens, int from, int count, int start, KvCache cache) {
        if (start + count > cache.capacity()) {
            throw new IllegalArgumentException("sequence of " + (start + count) + " tokens exceeds the cache of "
                    + cache.capacity());
        }
        int dim = config.dim();
        float[] x = new float[count * dim];
        for (int b = 0; b < count; b++) {
            int token = tokens[from + b];
            if (token < 0 || token >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of "
                        + config.vocabSize());
            }
            kernels.embedding(weights.embedding(), token, x, b * dim);
        }
        Activations a = new Activations(config, count);
        for (int layer = 0; layer < config.layers(); layer++) {
            attentionBlock(layer, weights.layers()[layer], x, a, start, count, cache);
            feedForwardBlock(weights.layers()[layer], x, a, count);
        }
        float[] last = new float[dim];
        kernels.rmsNorm(x, (count - 1) * dim, weights.outputNorm(), config.normEps(), last, 0, dim);
        float[] logits = new float[config.vocabSize()];
        kernels.matmul(weights.output(), last, logits, 1);
        return logits;
    }

    private void attentionBlock(int layer, LayerWeights w, float[] x, Activations a, int start, int count,
            KvCache cache) {
        int dim = config.dim();
        int kvDim = config.kvDim();
        int qDim = config.qDim();
        for (int b = 0; b < count; b++) {
            kernels.rmsNorm(x, b * dim, w.attentionNorm(), config.normEps(), a.normed, b * dim, dim);
        }
        kernels.matmul(w.wq(), a.normed, a.q, count);
        kernels.matmul(w.wk(), a.normed, a.k, count);
        kernels.matmul(w.wv(), a.normed, a.v, count);
        float[] keys = cache.keys(layer);
        float[] values = cache.values(layer);
        for (int b = 0; b < count; b++) {
            if (w.bq() != null) {
                addInPlace(a.q, b * qDim, w.bq());
                addInPlace(a.k, b * kvDim, w.bk());
                addInPlace(a.v, b * kvDim, w.bv());
            }
            if (w.qNorm() != null) {
                for (int h = 0; h < config.heads(); h++) {
                    int at = b * qDim + h * config.headDim();
                    kernels.rmsNorm(a.q, at, w.qNorm(), config.normEps(), a.q, at, config.headDim());
                }
                for (int h = 0; h < config.kvHeads(); h++) {
                    int at = b * kvDim + h * config.headDim();
                    kernels.rmsNorm(a.k, at, w.kNorm(), config.normEps(), a.k, at, config.headDim());
                }
            }
            rope.apply(a.q, b * qDim, config.heads(), config.headDim(), start + b);
            rope.apply(a.k, b * kvDim, config.kvHeads(), config.headDim(), start + b);
            int slot = (start + b) * kvDim;
            for (int i = 0; i < kvDim; i++) {
                keys[slot + i] = Fp16.round(a.k[b * kvDim + i]);
                values[slot + i] = Fp16.round(a.v[b * kvDim + i]);
            }
        }
        kernels.attention(shape, a.q, keys, values, start, count, a.attended);
        kernels.matmul(w.wo(), a.attended, a.projected, count);
        addInPlace(x, a.projected, count * dim);
    }

    private void feedForwardBlock(LayerWeights w, float[] x, Activations a, int count) {
        int dim = config.dim();
        for (int b = 0; b < count; b++) {
            kernels.rmsNorm(x, b * dim, w.ffnNorm(), config.normEps(), a.normed, b * dim, dim);
        }
        kernels.matmul(w.gate(), a.normed, a.gate, count);
        kernels.matmul(w.up(), a.normed, a.up, count);
        kernels.swiglu(a.gate, a.up, count * config.ffnDim());
        kernels.matmul(w.down(), a.gate, a.projected, count);
        addInPlace(x, a.projected, count * dim);
    }

    private static void addInPlace(float[] x, int offset, float[] bias) {
        for (int i = 0; i < bias.length; i++) {
            x[offset + i] += bias[i];
        }
    }

    private static void addInPlace(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += y[i];
        }
    }

    /** Scratch buffers for one forward call. */
    private static final class Activations {
        final float[] normed;
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] attended;
        final float[] projected;
        final float[] gate;
        final float[] up;

        Activations(ModelConfig c, int count) {
            normed = new float[count * c.dim()];
            q = new float[count * c.qDim()];
            k = new float[count * c.kvDim()];
            v = new float[count * c.kvDim()];
            attended = new float[count * c.qDim()];
            projected = new float[count * c.dim()];
            gate = new float[count * c.ffnDim()];
            up = new float[count * c.ffnDim()];
        }
    }
}
