package dev.sovereign.engine.model;

import dev.sovereign.engine.kernel.Kernels;
import dev.sovereign.engine.kernel.Kernels.AttentionShape;
import java.util.Arrays;
import java.util.List;

/**
 * The decoder forward pass shared by every supported architecture: pre-norm attention with optional qkv bias and
 * q/k norm, then a gated feed-forward block (SwiGLU, or GELU for Gemma), dense or a mixture of experts; Gemma also
 * normalises each block's output before the residual add, and some layers attend only to a sliding window with a rope
 * of their own. A call processes the tokens of one or several sequences together, so
 * prompt processing and batched decoding run as matrix-matrix products.
 */
public final class Transformer {

    private final ModelConfig config;
    private final ModelWeights weights;
    private final Kernels kernels;
    /** Per layer: Gemma 3's local layers rotate and window differently from its global ones. */
    private final Rope[] ropes;
    private final AttentionShape[] shapes;
    private final MixtureOfExperts experts;

    public Transformer(ModelConfig config, ModelWeights weights, Kernels kernels) {
        this.config = config;
        this.weights = weights;
        this.kernels = kernels;
        DecoderVariant variant = config.variant();
        Rope global = new Rope(config);
        Rope local = variant.localRopeTheta() > 0
                ? new Rope(config.ropeStyle(), config.ropeDim(), variant.localRopeTheta(), null, 1) : global;
        float scale = variant.attentionScale() > 0 ? variant.attentionScale()
                : (float) (1.0 / Math.sqrt(config.headDim()));
        this.ropes = new Rope[config.layers()];
        this.shapes = new AttentionShape[config.layers()];
        for (int layer = 0; layer < config.layers(); layer++) {
            ropes[layer] = variant.usesLocalRope(layer) ? local : global;
            shapes[layer] = new AttentionShape(config.heads(), config.kvHeads(), config.headDim(), scale,
                    variant.windowOf(layer));
        }
        this.experts = config.experts() == null ? null : new MixtureOfExperts(kernels, config.experts(), config.dim());
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * A cache of {@code capacity} positions over storage of its own, rows in position order: for code that runs one
     * sequence straight through the forward pass (benchmarks, logit probes); serving uses views of its block pool.
     */
    public KvCache newCache(int capacity) {
        int[] rows = new int[capacity];
        for (int p = 0; p < capacity; p++) {
            rows[p] = p;
        }
        int halves = (capacity + Kernels.KV_BLOCK - 1) / Kernels.KV_BLOCK * Kernels.KV_BLOCK * config.kvDim();
        return KvCache.paged(new short[config.layers()][halves], new short[config.layers()][halves], rows);
    }

    /**
     * Runs {@code count} tokens from {@code tokens[from]} at positions {@code start ..} and returns the logits of
     * the last one ({@code vocabSize} floats). The cache must have room for {@code start + count} positions.
     */
    public float[] forward(int[] tokens, int from, int count, int start, KvCache cache) {
        return forward(List.of(new Slice(tokens, from, count, start, cache, true)))[0];
    }

    /**
     * The tokens of one sequence that a batched forward pass runs: {@code count} tokens from {@code tokens[from]}
     * at positions {@code start ..} in {@code cache}; {@code wantsLogits} when the last one is sampled.
     */
    public record Slice(int[] tokens, int from, int count, int start, KvCache cache, boolean wantsLogits) {
    }

    /**
     * One forward pass over the tokens of several sequences: every weight matrix is read once for all of them
     * (what makes a batch of decodes cheaper than the same decodes one by one); attention stays per sequence, each
     * in its own cache. Returns, per slice, the logits of its last token, or null when it wants none. A row's result
     * does not depend on the other rows of the batch.
     */
    public float[][] forward(List<Slice> slices) {
        int dim = config.dim();
        int total = 0;
        for (Slice slice : slices) {
            if (slice.start() + slice.count() > slice.cache().capacity()) {
                throw new IllegalArgumentException("sequence of " + (slice.start() + slice.count())
                        + " tokens exceeds the cache of " + slice.cache().capacity());
            }
            total += slice.count();
        }
        float[] x = new float[total * dim];
        Batch batch = new Batch(slices);
        for (int s = 0; s < slices.size(); s++) {
            Slice slice = slices.get(s);
            for (int b = 0; b < slice.count(); b++) {
                int token = slice.tokens()[slice.from() + b];
                if (token < 0 || token >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of "
                            + config.vocabSize());
                }
                kernels.embedding(weights.embedding(), token, x, (batch.firstRow[s] + b) * dim);
            }
        }
        float embeddingScale = config.variant().embeddingScale();
        if (embeddingScale != 1) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= embeddingScale;
            }
        }
        Activations a = new Activations(config, total);
        for (int layer = 0; layer < config.layers(); layer++) {
            attentionBlock(layer, weights.layers()[layer], x, a, batch, total);
            feedForwardBlock(weights.layers()[layer], x, a, total);
        }
        return logitsOfLastRows(x, batch);
    }

    private float[][] logitsOfLastRows(float[] x, Batch batch) {
        int dim = config.dim();
        int vocab = config.vocabSize();
        List<Slice> slices = batch.slices;
        int wanted = (int) slices.stream().filter(Slice::wantsLogits).count();
        float[] last = new float[wanted * dim];
        int row = 0;
        for (int s = 0; s < slices.size(); s++) {
            if (slices.get(s).wantsLogits()) {
                int lastRow = batch.firstRow[s] + slices.get(s).count() - 1;
                kernels.rmsNorm(x, lastRow * dim, weights.outputNorm(), config.normEps(), last, row * dim, dim);
                row++;
            }
        }
        float[] all = new float[wanted * vocab];
        if (wanted > 0) {
            kernels.matmul(weights.output(), last, all, wanted);
        }
        float[][] logits = new float[slices.size()][];
        row = 0;
        for (int s = 0; s < slices.size(); s++) {
            if (slices.get(s).wantsLogits()) {
                logits[s] = Arrays.copyOfRange(all, row * vocab, (row + 1) * vocab);
                row++;
            }
        }
        return logits;
    }

    /** Where each slice's rows sit in the batch, and its cache arrays for one layer at a time. */
    private static final class Batch {
        final List<Slice> slices;
        final int[] firstRow;
        final int[] rows;
        final int[] startPos;

        Batch(List<Slice> slices) {
            this.slices = slices;
            int n = slices.size();
            firstRow = new int[n];
            rows = new int[n];
            startPos = new int[n];
            int next = 0;
            for (int s = 0; s < n; s++) {
                firstRow[s] = next;
                rows[s] = slices.get(s).count();
                startPos[s] = slices.get(s).start();
                next += rows[s];
            }
        }
    }

    private void attentionBlock(int layer, LayerWeights w, float[] x, Activations a, Batch batch, int count) {
        int dim = config.dim();
        Rope rope = ropes[layer];
        AttentionShape shape = shapes[layer];
        int kvDim = config.kvDim();
        int qDim = config.qDim();
        for (int b = 0; b < count; b++) {
            kernels.rmsNorm(x, b * dim, w.attentionNorm(), config.normEps(), a.normed, b * dim, dim);
        }
        kernels.matmul(w.wq(), a.normed, a.q, count);
        kernels.matmul(w.wk(), a.normed, a.k, count);
        kernels.matmul(w.wv(), a.normed, a.v, count);
        int sequences = batch.slices.size();
        short[][] keys = new short[sequences][];
        short[][] values = new short[sequences][];
        int[][] rowsOfPositions = new int[sequences][];
        for (int s = 0; s < sequences; s++) {
            KvCache cache = batch.slices.get(s).cache();
            keys[s] = cache.keys(layer);
            values[s] = cache.values(layer);
            rowsOfPositions[s] = cache.rows();
            for (int i = 0; i < batch.rows[s]; i++) {
                int b = batch.firstRow[s] + i;
                int position = batch.startPos[s] + i;
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
                rope.apply(a.q, b * qDim, config.heads(), config.headDim(), position);
                rope.apply(a.k, b * kvDim, config.kvHeads(), config.headDim(), position);
                int row = rowsOfPositions[s][position];
                for (int h = 0; h < config.kvHeads(); h++) {
                    int slot = shape.kvOffset(row, h);
                    int from = b * kvDim + h * config.headDim();
                    for (int j = 0; j < config.headDim(); j++) {
                        keys[s][slot + j] = Float.floatToFloat16(a.k[from + j]);
                        values[s][slot + j] = Float.floatToFloat16(a.v[from + j]);
                    }
                }
            }
        }
        kernels.attention(shape, a.q, keys, values, rowsOfPositions, batch.startPos, batch.firstRow, batch.rows,
                a.attended);
        kernels.matmul(w.wo(), a.attended, a.projected, count);
        normaliseOutput(a.projected, w.postAttentionNorm(), count);
        addInPlace(x, a.projected, count * dim);
    }

    private void feedForwardBlock(LayerWeights w, float[] x, Activations a, int count) {
        int dim = config.dim();
        for (int b = 0; b < count; b++) {
            kernels.rmsNorm(x, b * dim, w.ffnNorm(), config.normEps(), a.normed, b * dim, dim);
        }
        if (w.experts() != null) {
            experts.forward(w.experts(), a.normed, count, a.projected);
        } else {
            kernels.matmul(w.gate(), a.normed, a.gate, count);
            kernels.matmul(w.up(), a.normed, a.up, count);
            if (config.variant().activation() == DecoderVariant.Activation.GELU_TANH) {
                kernels.geglu(a.gate, a.up, count * config.ffnDim());
            } else {
                kernels.swiglu(a.gate, a.up, count * config.ffnDim());
            }
            kernels.matmul(w.down(), a.gate, a.projected, count);
        }
        normaliseOutput(a.projected, w.postFfnNorm(), count);
        addInPlace(x, a.projected, count * dim);
    }

    /** Gemma's norm of a block's output before the residual add; nothing for architectures without one. */
    private void normaliseOutput(float[] out, float[] norm, int count) {
        if (norm == null) {
            return;
        }
        int dim = config.dim();
        for (int b = 0; b < count; b++) {
            kernels.rmsNorm(out, b * dim, norm, config.normEps(), out, b * dim, dim);
        }
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
            int ffn = c.experts() == null ? c.ffnDim() : 0; // a mixture of experts has buffers of its own
            gate = new float[count * ffn];
            up = new float[count * ffn];
        }
    }
}
