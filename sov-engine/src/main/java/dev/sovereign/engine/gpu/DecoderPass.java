package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.Cublas;
import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.DeviceBuffer;
import dev.sovereign.engine.model.ModelConfig;
import dev.sovereign.engine.model.RopeStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The launches of one forward pass over rows already described by a {@link PassInputs} in device memory, and the
 * activation buffers they use (sized for {@code rowCapacity} rows). Per layer: RMSNorm, the fused q/k/v GEMM, bias,
 * q/k norm, rope and cache write, paged attention (plus the merge of its splits), the output GEMM accumulating into
 * the residual, RMSNorm, the fused gate/up GEMM, SwiGLU, the down GEMM accumulating into the residual; then the
 * final norm of the sampled rows and the lm head. It only enqueues work on the stream, so a CUDA graph can capture it.
 */
final class DecoderPass implements AutoCloseable {

    /** Most key-range splits of one attention tile (flash-decoding), for small batches over long contexts. */
    static final int MAX_SPLITS = 16;
    /** Rows whose attention may be split: the partials buffer holds this many rows' worth. */
    static final int SPLIT_ROWS = 256;

    private final ModelConfig config;
    private final DeviceWeights weights;
    private final DecoderKernels kernels;
    private final Cublas cublas;
    private final int multiprocessors;
    final int rowCapacity;
    final int sampleCapacity;

    private final long x;
    private final long normed;
    private final long wide;
    private final long narrow;
    private final long partials;
    private final long logits;
    private final DeviceBuffer logitsBuffer;
    private final List<DeviceBuffer> buffers = new ArrayList<>();

    DecoderPass(CudaDevice device, ModelConfig config, DeviceWeights weights, DecoderKernels kernels, int rowCapacity,
            int sampleCapacity) {
        this.config = config;
        this.weights = weights;
        this.kernels = kernels;
        this.cublas = device.cublas();
        this.multiprocessors = device.multiprocessors();
        this.rowCapacity = rowCapacity;
        this.sampleCapacity = sampleCapacity;
        int qkvWidth = config.qDim() + 2 * config.kvDim();
        try {
            x = allocate(device, 4L * rowCapacity * config.dim());
            normed = allocate(device, 2L * rowCapacity * config.dim());
            // q/k/v and gate/up are never live together: one f32 buffer; attention output and SwiGLU one bf16 buffer
            wide = allocate(device, 4L * rowCapacity * Math.max(qkvWidth, 2 * config.ffnDim()));
            narrow = allocate(device, 2L * rowCapacity * Math.max(config.qDim(), config.ffnDim()));
            partials = allocate(device, 4L * Math.min(rowCapacity, SPLIT_ROWS) * config.heads() * MAX_SPLITS
                    * (config.headDim() + 2));
            logits = allocate(device, 4L * sampleCapacity * config.vocabSize());
            logitsBuffer = buffers.getLast();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The f32 logits of the last pass's sampled rows, {@code vocabSize} floats a row. */
    DeviceBuffer logitsBuffer() {
        return logitsBuffer;
    }

    /** Bytes of the activation buffers. */
    long bytes() {
        return buffers.stream().mapToLong(DeviceBuffer::bytes).sum();
    }

    /**
     * Attention splits for a pass of {@code rows} rows in {@code tiles} tiles whose longest context is
     * {@code keys}: enough blocks to cover the device twice, never more than the key tiles, and only for passes small
     * enough for the partials buffer.
     */
    int splitsFor(int rows, int tiles, int keys) {
        return splitsFor(rows, Math.min(rowCapacity, SPLIT_ROWS), tiles, config.kvHeads(), multiprocessors, keys);
    }

    static int splitsFor(int rows, int splitRows, int tiles, int kvHeads, int multiprocessors, int keys) {
        if (rows > splitRows) {
            return 1;
        }
        int blocks = tiles * kvHeads;
        int wanted = (2 * multiprocessors + blocks - 1) / blocks;
        int keyTiles = (int) ((keys + 31L) / 32);
        return Math.max(1, Math.min(Math.min(wanted, MAX_SPLITS), keyTiles));
    }

    /**
     * Enqueues the forward pass of {@code rows} rows ({@code tiles} attention tiles) described at {@code in}, and the
     * logits of {@code samples} rows into {@link #logitsBuffer}: the rows listed at the inputs' sample rows, or with
     * {@code gather} false the first {@code samples} rows (a decode graph, where every row samples).
     */
    void enqueue(CudaStream s, GpuKvPool pool, long in, PassInputs layout, int rows, int tiles, int splits, int samples,
            boolean gather) {
        ModelConfig c = config;
        int dim = c.dim();
        int qkvWidth = c.qDim() + 2 * c.kvDim();
        float eps = c.normEps();
        float scale = (float) (1.0 / Math.sqrt(c.headDim()));
        kernels.embed(s, weights.embedding, at(in, layout.tokensAt()), x, rows, dim);
        for (int layer = 0; layer < c.layers(); layer++) {
            DeviceWeights.Layer w = weights.layers[layer];
            kernels.rmsnorm(s, x, 0, w.attentionNorm(), normed, rows, dim, eps);
            cublas.linear(s, rows, qkvWidth, dim, normed, w.qkv(), wide, true, 0f);
            kernels.qkvRopeCache(s, wide, w.qkvBias(), w.qNorm(), w.kNorm(), eps, at(in, layout.positionsAt()),
                    at(in, layout.slotsAt()), weights.invFreq, c.variant().ropeAttentionFactor(), c.ropeDim(),
                    c.ropeStyle() == RopeStyle.NEOX, pool.keys(layer), pool.values(layer), rows, c.heads(),
                    c.kvHeads(), c.headDim());
            kernels.attention(s, wide, narrow, partials, pool.keys(layer), pool.values(layer),
                    at(in, layout.tileChunkAt()), at(in, layout.tileRowAt()), at(in, layout.tilePosAt()),
                    at(in, layout.tileCountAt()), at(in, layout.tablesAt()), layout.tableStride, tiles, c.heads(),
                    c.kvHeads(), c.headDim(), scale, splits);
            if (splits > 1) {
                kernels.combine(s, partials, narrow, rows, c.heads(), c.headDim(), splits);
            }
            cublas.linear(s, rows, dim, c.qDim(), narrow, w.wo(), x, true, 1f);
            kernels.rmsnorm(s, x, 0, w.ffnNorm(), normed, rows, dim, eps);
            cublas.linear(s, rows, 2 * c.ffnDim(), dim, normed, w.gateUp(), wide, true, 0f);
            kernels.swiglu(s, wide, narrow, rows, c.ffnDim());
            cublas.linear(s, rows, dim, c.ffnDim(), narrow, w.down(), x, true, 1f);
        }
        if (samples > 0) {
            kernels.rmsnorm(s, x, gather ? at(in, layout.sampleRowsAt()) : 0, weights.outputNorm, normed, samples,
                    dim, eps);
            cublas.linear(s, samples, c.vocabSize(), dim, normed, weights.lmHead, logits, true, 0f);
        }
    }

    private static long at(long base, int intOffset) {
        return base + 4L * intOffset;
    }

    private long allocate(CudaDevice device, long bytes) {
        DeviceBuffer b = device.allocate(bytes);
        buffers.add(b);
        return b.address();
    }

    @Override
    public void close() {
        buffers.forEach(DeviceBuffer::close);
    }
}
