package dev.sovereign.engine.kernel;

/**
 * The math of a transformer forward pass. Activations are float arrays holding {@code batch} tokens one after
 * another; weights stay in their stored encoding. This is the seam where a GPU backend would plug in.
 */
public interface Kernels extends AutoCloseable {

    /** Rows of a KV cache block (the serving engine's block size). */
    int KV_BLOCK = 16;

    /** {@code out[b * rows + r] = sum over c of w[r][c] * in[b * columns + c]}, for every token {@code b < batch}. */
    void matmul(WeightMatrix w, float[] in, float[] out, int batch);

    /** Row {@code row} of {@code table}, decoded to floats, into {@code out[offset ..]}. */
    void embedding(WeightMatrix table, int row, float[] out, int offset);

    /** RMSNorm of {@code n} values at {@code x[xOff ..]}, scaled by {@code weight}, into {@code out[outOff ..]}. */
    void rmsNorm(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n);

    /** {@code gate[i] = silu(gate[i]) * up[i]} for {@code i < n}. */
    void swiglu(float[] gate, float[] up, int n);

    /** {@code gate[i] = gelu(gate[i]) * up[i]} for {@code i < n}, GELU in its tanh form (Gemma's gated MLP). */
    void geglu(float[] gate, float[] up, int n);

    /**
     * Causal grouped-query attention for several sequences in one call: sequence {@code s} owns rows
     * {@code firstRow[s] ..} ({@code rows[s]} of them) of {@code q} and {@code out}, reads {@code keys[s]} and
     * {@code values[s]}, and starts at position {@code startPos[s]}. Queries are {@code heads x headDim} per row;
     * the key and value of position {@code p} for KV head {@code h} ({@code headDim} F16 values each) sit at
     * {@link AttentionShape#kvOffset shape.kvOffset(kvRows[s][p], h)} of those arrays, which is how a paged cache is
     * read through its block table. Products and sums are F32. A row's result does not depend on the other sequences
     * of the call.
     */
    void attention(AttentionShape shape, float[] q, short[][] keys, short[][] values, int[][] kvRows, int[] startPos,
            int[] firstRow, int[] rows, float[] out);

    int threads();

    @Override
    void close();

    /**
     * Head layout of one attention layer.
     *
     * @param window how many positions a query attends to, itself included (sliding-window layers); 0 for all
     */
    record AttentionShape(int heads, int kvHeads, int headDim, float scale, int window) {
        public AttentionShape(int heads, int kvHeads, int headDim, float scale) {
            this(heads, kvHeads, headDim, scale, 0);
        }

        /** The first position a query at {@code position} attends to. */
        public int firstVisible(int position) {
            return window > 0 ? Math.max(0, position - window + 1) : 0;
        }

        public int kvDim() {
            return kvHeads * headDim;
        }

        /**
         * Where the {@code headDim} values of KV head {@code kvHead} at cache row {@code row} start. Rows come in blocks
         * of {@link #KV_BLOCK}, and within a block each KV head's rows are contiguous, so attention widens a whole
         * block of one head from F16 in one long loop (ADR 0097).
         */
        public int kvOffset(int row, int kvHead) {
            return (row / KV_BLOCK * kvHeads + kvHead) * KV_BLOCK * headDim + row % KV_BLOCK * headDim;
        }

        public int qDim() {
            return heads * headDim;
        }
    }
}
