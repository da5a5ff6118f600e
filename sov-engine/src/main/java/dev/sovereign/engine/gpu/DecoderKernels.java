package dev.sovereign.engine.gpu;

import dev.sovereign.engine.cuda.CudaDevice;
import dev.sovereign.engine.cuda.CudaStream;
import dev.sovereign.engine.cuda.Kernel;
import dev.sovereign.engine.cuda.KernelArgs;
import dev.sovereign.engine.cuda.KernelModule;

/**
 * The kernels of decoder.cu with their launch shapes: one method per kernel, arguments in the order of its
 * {@code extern "C"} signature. Device pointers are passed as {@code long} addresses (0 for an absent optional one).
 */
final class DecoderKernels implements AutoCloseable {

    /** decoder.cu's NWARPS: the attention kernel's block is this many warps. */
    static final int ATTENTION_WARPS = 8;
    /** The head dimensions the attention kernel is instantiated for (32 lanes times 1, 2, 3, 4 or 8 values). */
    private static final int[] ATTENTION_HEAD_DIMS = {32, 64, 96, 128, 256};

    private final KernelModule module;
    private final Kernel embedRows;
    private final Kernel rmsnormRows;
    private final Kernel qkvRopeCache;
    private final Kernel attention;
    private final Kernel combine;
    private final Kernel swiglu;
    private final int attentionHeadDim;

    DecoderKernels(CudaDevice device, int headDim) {
        this.module = device.loadModule("decoder");
        this.attentionHeadDim = attentionInstance(headDim);
        this.embedRows = module.kernel("embed_rows");
        this.rmsnormRows = module.kernel("rmsnorm_rows");
        this.qkvRopeCache = module.kernel("qkv_rope_cache");
        this.attention = module.kernel("paged_attention_d" + attentionHeadDim);
        this.combine = module.kernel("attention_combine");
        this.swiglu = module.kernel("swiglu");
    }

    /** The smallest attention instance whose register accumulators hold a head of {@code headDim}. */
    static int attentionInstance(int headDim) {
        for (int d : ATTENTION_HEAD_DIMS) {
            if (headDim <= d) {
                return d;
            }
        }
        throw new IllegalArgumentException("no attention kernel for heads of " + headDim);
    }

    /** Query vectors one attention block holds in shared memory (decoder.cu's AttentionShape::QV). */
    static int queryVectorsPerBlock(int headDim) {
        return ATTENTION_WARPS * (attentionInstance(headDim) >= 256 ? 1 : 4);
    }

    /**
     * Positions per attention tile: enough that the tile's (position, query head) pairs fill the block's query
     * vectors; at least one, in which case a group wider than a block takes several passes over the keys.
     */
    static int tilePositions(int headDim, int group) {
        return Math.max(1, queryVectorsPerBlock(headDim) / group);
    }

    void embed(CudaStream s, long table, long tokens, long x, int rows, int dim) {
        embedRows.launch(s, rows, 1, 1, 256, 1, 1, 0, KernelArgs.of(table, tokens, x, dim));
    }

    void rmsnorm(CudaStream s, long x, long rowIndex, long weight, long out, int rows, int dim, float eps) {
        rmsnormRows.launch(s, rows, 1, 1, dim >= 4096 ? 512 : 256, 1, 1, 0,
                KernelArgs.of(x, rowIndex, weight, out, dim, eps));
    }

    void qkvRopeCache(CudaStream s, long qkv, long bias, long qNorm, long kNorm, float eps, long positions,
            long slots, long invFreq, float ropeScale, int ropeDim, boolean neox, long kCache, long vCache, int rows,
            int heads, int kvHeads, int headDim) {
        qkvRopeCache.launch(s, rows, heads + 2 * kvHeads, 1, headDim > 64 ? 128 : 64, 1, 1, 0,
                KernelArgs.of(qkv, bias, qNorm, kNorm, eps, positions, slots, invFreq, ropeScale, ropeDim,
                        neox ? 1 : 0, kCache, vCache, heads, kvHeads, headDim));
    }

    void attention(CudaStream s, long qkv, long out, long partials, long kCache, long vCache, long tileChunk,
            long tileRow, long tilePos, long tileCount, long tables, int tableStride, int tiles, int heads,
            int kvHeads, int headDim, float scale, int splits) {
        attention.launch(s, tiles, kvHeads, splits, 32 * ATTENTION_WARPS, 1, 1, 0,
                KernelArgs.of(qkv, out, partials, kCache, vCache, tileChunk, tileRow, tilePos, tileCount, tables,
                        tableStride, heads, kvHeads, headDim, scale, splits));
    }

    void combine(CudaStream s, long partials, long out, int rows, int heads, int headDim, int splits) {
        combine.launch(s, rows, heads, 1, headDim > 64 ? 128 : 64, 1, 1, 0,
                KernelArgs.of(partials, out, heads, headDim, splits));
    }

    void swiglu(CudaStream s, long gateUp, long out, int rows, int ffn) {
        long n = (long) rows * ffn;
        int grid = (int) Math.min((n + 255) / 256, 65_535);
        swiglu.launch(s, grid, 1, 1, 256, 1, 1, 0, KernelArgs.of(gateUp, out, rows, ffn));
    }

    @Override
    public void close() {
        module.close();
    }
}
