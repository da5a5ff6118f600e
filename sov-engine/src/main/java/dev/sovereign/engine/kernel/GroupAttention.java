package dev.sovereign.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal attention of one query row for a few query heads that share one KV head, over an F16 cache: keys and values
 * are widened to F32 a chunk of positions at a time and each widened chunk serves every head of the task, so the
 * widening is paid once per KV head rather than once per query head (ADR 0097). The arithmetic per head is the F32
 * cache's, in the same order, so the result is the same bits: F16-rounded query, one FMA chain per score summed by
 * {@link LaneSums}, scalar {@code Math.exp}, F16-rounded probabilities, one FMA chain per output lane.
 */
final class GroupAttention {

    private static final VectorSpecies<Float> F = RowDot.F;
    /** Positions widened at a time: one KV block, a few kilobytes that stay in L1. */
    private static final int CHUNK = Kernels.KV_BLOCK;

    private final Kernels.AttentionShape shape;
    private final int heads;
    private final int scoresLength;
    private final float[] queries;
    private final float[] scores;
    private final float[] maxima;
    private final float[] widened;

    /** Scratch for tasks of {@code heads} query heads over at most {@code scoresLength} positions. */
    GroupAttention(Kernels.AttentionShape shape, int heads, int scoresLength) {
        this.shape = shape;
        this.heads = heads;
        this.scoresLength = scoresLength;
        this.queries = new float[heads * shape.headDim()];
        this.scores = new float[heads * scoresLength];
        this.maxima = new float[heads];
        this.widened = new float[CHUNK * shape.headDim()];
    }

    /** Whether this scratch serves tasks of {@code heads} heads of {@code shape} over {@code positions} positions. */
    boolean fits(Kernels.AttentionShape shape, int heads, int positions) {
        return this.shape.equals(shape) && this.heads == heads && positions <= scoresLength;
    }

    /**
     * Heads {@code firstHead ..} (as many as this scratch was made for, all of one KV head) of query row {@code row},
     * attending to positions {@code shape.firstVisible(last) ..= last}, whose keys and values sit at rows
     * {@code kvRow[p]} of {@code keys} and {@code values}.
     */
    void run(float[] q, short[] keys, short[] values, int[] kvRow, int last, int row, int firstHead, float[] out) {
        int headDim = shape.headDim();
        int n = last + 1;
        // a sliding window skips the positions behind it, as a mask of -inf would: their exponentials are 0
        int first = shape.firstVisible(last);
        int kvHead = firstHead / (shape.heads() / shape.kvHeads());
        for (int g = 0; g < heads; g++) {
            int qOff = row * shape.qDim() + (firstHead + g) * headDim;
            for (int i = 0; i < headDim; i++) {
                queries[g * headDim + i] = Fp16.round(q[qOff + i]); // llama.cpp multiplies F16 keys with F16 queries
            }
            maxima[g] = Float.NEGATIVE_INFINITY;
        }
        for (int c = first; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            widen(keys, kvRow, c, m, kvHead);
            for (int g = 0; g < heads; g++) {
                maxima[g] = Math.max(maxima[g], headDim == 4 * F.length()
                        ? scoresOfFourVectorHead(g, c, m) : scores(g, c, m));
            }
        }
        for (int g = 0; g < heads; g++) {
            int at = g * scoresLength;
            float inv = (float) (1.0 / exponentiate(at + first, n - first, maxima[g]));
            for (int t = first; t < n; t++) {
                scores[at + t] = Fp16.round(scores[at + t] * inv); // llama.cpp weighs F16 values with F16 probabilities
            }
            java.util.Arrays.fill(out, outOffset(row, firstHead + g), outOffset(row, firstHead + g) + headDim, 0f);
        }
        for (int c = first; c < n; c += CHUNK) {
            int m = Math.min(CHUNK, n - c);
            widen(values, kvRow, c, m, kvHead);
            for (int g = 0; g < heads; g++) {
                accumulate(g * scoresLength + c, m, out, outOffset(row, firstHead + g));
            }
        }
    }

    private int outOffset(int row, int head) {
        return row * shape.qDim() + head * shape.headDim();
    }

    /**
     * Positions {@code c .. c + m} of one KV head, F16 to F32 (exact, so the same in every JIT tier). A chunk that is
     * one block's consecutive rows (always, through a block table) is one contiguous run: one loop long enough for C2
     * to vectorise, rather than a short loop per position.
     */
    private void widen(short[] half, int[] kvRow, int c, int m, int kvHead) {
        int headDim = shape.headDim();
        int first = kvRow[c];
        if (first % Kernels.KV_BLOCK + m <= Kernels.KV_BLOCK && consecutive(kvRow, c, m)) {
            Fp16.widen(half, shape.kvOffset(first, kvHead), widened, 0, m * headDim);
            return;
        }
        for (int j = 0; j < m; j++) {
            Fp16.widen(half, shape.kvOffset(kvRow[c + j], kvHead), widened, j * headDim, headDim);
        }
    }

    private static boolean consecutive(int[] kvRow, int c, int m) {
        for (int j = 1; j < m; j++) {
            if (kvRow[c + j] != kvRow[c] + j) {
                return false;
            }
        }
        return true;
    }

    /** Scores of head {@code g} for the widened chunk at positions {@code c ..}; returns their maximum. */
    private float scores(int g, int c, int m) {
        int headDim = shape.headDim();
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            float score = dot(queries, g * headDim, widened, j * headDim, headDim) * shape.scale();
            scores[g * scoresLength + c + j] = score;
            max = Math.max(max, score);
        }
        return max;
    }

    /**
     * The same for a head four vectors wide (64 values on 512-bit vectors, Qwen2.5's small models): the query stays
     * in four registers for the chunk. Same FMA sequence as {@link #dot}, so the same bits.
     */
    private float scoresOfFourVectorHead(int g, int c, int m) {
        int lanes = F.length();
        int qAt = g * 4 * lanes;
        FloatVector q0 = FloatVector.fromArray(F, queries, qAt);
        FloatVector q1 = FloatVector.fromArray(F, queries, qAt + lanes);
        FloatVector q2 = FloatVector.fromArray(F, queries, qAt + 2 * lanes);
        FloatVector q3 = FloatVector.fromArray(F, queries, qAt + 3 * lanes);
        FloatVector zero = FloatVector.zero(F);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            int at = j * 4 * lanes;
            FloatVector acc = q0.fma(FloatVector.fromArray(F, widened, at), zero);
            acc = q1.fma(FloatVector.fromArray(F, widened, at + lanes), acc);
            acc = q2.fma(FloatVector.fromArray(F, widened, at + 2 * lanes), acc);
            acc = q3.fma(FloatVector.fromArray(F, widened, at + 3 * lanes), acc);
            float score = LaneSums.of(acc) * shape.scale();
            scores[g * scoresLength + c + j] = score;
            max = Math.max(max, score);
        }
        return max;
    }

    /**
     * {@code scores[at + t] = exp(scores[at + t] - max)} for {@code t < n}; returns their sum. Scalar on purpose: the
     * Vector API's {@code EXP} runs a different algorithm before and after the JIT compiles it (Java's in the
     * interpreter, a vector library's in C2); {@code Math.exp} gives the same bits in every tier (ADR 0094).
     */
    private double exponentiate(int at, int n, float max) {
        double sum = 0;
        for (int t = 0; t < n; t++) {
            float e = (float) Math.exp(scores[at + t] - max);
            scores[at + t] = e;
            sum += e;
        }
        return sum;
    }

    /**
     * {@code out[o ..] += sum over j < m of scores[w + j] * widened value j}, {@code headDim} wide. Four output vectors
     * stay in registers for the chunk: four independent FMA chains, each lane adding the positions in order.
     */
    private void accumulate(int w, int m, float[] out, int o) {
        int headDim = shape.headDim();
        int lanes = F.length();
        int i = 0;
        for (; i + 4 * lanes <= headDim; i += 4 * lanes) {
            FloatVector a0 = FloatVector.fromArray(F, out, o + i);
            FloatVector a1 = FloatVector.fromArray(F, out, o + i + lanes);
            FloatVector a2 = FloatVector.fromArray(F, out, o + i + 2 * lanes);
            FloatVector a3 = FloatVector.fromArray(F, out, o + i + 3 * lanes);
            for (int j = 0; j < m; j++) {
                int at = j * headDim + i;
                FloatVector weight = FloatVector.broadcast(F, scores[w + j]);
                a0 = FloatVector.fromArray(F, widened, at).fma(weight, a0);
                a1 = FloatVector.fromArray(F, widened, at + lanes).fma(weight, a1);
                a2 = FloatVector.fromArray(F, widened, at + 2 * lanes).fma(weight, a2);
                a3 = FloatVector.fromArray(F, widened, at + 3 * lanes).fma(weight, a3);
            }
            a0.intoArray(out, o + i);
            a1.intoArray(out, o + i + lanes);
            a2.intoArray(out, o + i + 2 * lanes);
            a3.intoArray(out, o + i + 3 * lanes);
        }
        for (int upper = F.loopBound(headDim); i < upper; i += lanes) {
            FloatVector acc = FloatVector.fromArray(F, out, o + i);
            for (int j = 0; j < m; j++) {
                acc = FloatVector.fromArray(F, widened, j * headDim + i).fma(FloatVector.broadcast(F, scores[w + j]), acc);
            }
            acc.intoArray(out, o + i);
        }
        for (; i < headDim; i++) {
            float acc = out[o + i];
            for (int j = 0; j < m; j++) {
                acc += scores[w + j] * widened[j * headDim + i];
            }
            out[o + i] = acc;
        }
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (int upper = F.loopBound(n); i < upper; i += F.length()) {
                acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
            }
            sum = LaneSums.of(acc);
        }
        for (; i < n; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }
}
