package dev.sovereign.engine.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses one sequence's next tokens: penalties on the logits, then temperature, top_k, min_p and top_p, then a
 * draw from a random stream seeded per request (so a seed reproduces a request whatever else runs beside it).
 * Greedy (temperature 0) is argmax after penalties, ties to the lower id. Log-probabilities are those of the model's
 * own distribution (log-softmax of the raw logits), as vLLM reports them by default.
 */
public final class TokenSampler {

    private final SamplingOptions options;
    private final SplittableRandom random;
    private final int[] outputCounts;
    private final boolean[] seenInContext;

    public TokenSampler(SamplingOptions options, int vocabSize, int[] prompt) {
        this.options = options;
        this.random = new SplittableRandom(options.seed() != null ? options.seed() : System.nanoTime());
        this.outputCounts = new int[vocabSize];
        this.seenInContext = new boolean[vocabSize];
        for (int token : prompt) {
            if (token >= 0 && token < vocabSize) {
                seenInContext[token] = true;
            }
        }
    }

    /** Records a generated token so the penalties see it. */
    public void accept(int token) {
        outputCounts[token]++;
        seenInContext[token] = true;
    }

    public SampledToken next(float[] logits) {
        float[] adjusted = penalised(logits);
        int token = options.temperature() == 0 ? argmax(adjusted) : draw(adjusted);
        if (!options.logprobs()) {
            return new SampledToken(token, Float.NaN, List.of());
        }
        float[] logSoftmax = logSoftmax(logits);
        List<SampledToken.Alternative> top = new ArrayList<>();
        for (int id : topIndices(logSoftmax, options.topLogprobs())) {
            top.add(new SampledToken.Alternative(id, logSoftmax[id]));
        }
        return new SampledToken(token, logSoftmax[token], top);
    }

    private float[] penalised(float[] logits) {
        boolean any = options.presencePenalty() != 0 || options.frequencyPenalty() != 0 || options.repetitionPenalty() != 1;
        if (!any) {
            return logits;
        }
        float[] out = DrawBuffers.of(logits.length).penalised;
        float repetition = (float) options.repetitionPenalty();
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i];
            if (seenInContext[i] && repetition != 1f) {
                // as in vLLM and HF: shrink a positive logit, grow a negative one
                out[i] = out[i] > 0 ? out[i] / repetition : out[i] * repetition;
            }
            if (outputCounts[i] > 0) {
                out[i] -= (float) (options.frequencyPenalty() * outputCounts[i] + options.presencePenalty());
            }
        }
        return out;
    }

    /**
     * A draw from softmax(logits / temperature) restricted by top_k, min_p and top_p, in O(vocabulary) with no
     * sort of the vocabulary ({@link Nucleus}). The candidates stay in id order throughout and the draw walks them
     * in that order, so a seed gives the same tokens as the full-sort sampler before it.
     */
    private int draw(float[] logits) {
        int n = logits.length;
        DrawBuffers buffers = DrawBuffers.of(n);
        int[] ids = buffers.ids;
        double[] weights = buffers.weights;
        float max = logits[argmax(logits)];
        int count;
        if (options.topK() > 0 && options.topK() < n) {
            int[] top = topIndices(logits, options.topK());
            Arrays.sort(top);
            System.arraycopy(top, 0, ids, 0, top.length);
            count = top.length;
        } else {
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            count = n;
        }
        int kept = 0;
        for (int j = 0; j < count; j++) {
            int id = ids[j];
            // weights are scaled so the most likely token weighs 1: min_p compares directly against it
            double weight = Math.exp((logits[id] - max) / options.temperature());
            if (options.minP() > 0 && weight < options.minP()) {
                continue;
            }
            ids[kept] = id;
            weights[kept] = weight;
            kept++;
        }
        if (options.topP() < 1) {
            kept = Nucleus.keep(ids, weights, kept, options.topP(), buffers);
        }
        double total = 0;
        for (int j = 0; j < kept; j++) {
            total += weights[j];
        }
        double target = random.nextDouble() * total;
        for (int j = 0; j < kept; j++) {
            target -= weights[j];
            if (target <= 0) {
                return ids[j];
            }
        }
        return kept > 0 ? ids[kept - 1] : argmax(logits);
    }

    /** The first index of the largest value (ties to the lower id, as llama.cpp's greedy sampler). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The model's log-probability of one token (log-softmax of the raw logits), without the whole array. */
    public static float logprobOf(float[] logits, int token) {
        float max = logits[argmax(logits)];
        return logits[token] - max - logSumExp(logits, max);
    }

    static float[] logSoftmax(float[] logits) {
        float max = logits[argmax(logits)];
        float log = logSumExp(logits, max);
        float[] out = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - max - log;
        }
        return out;
    }

    /** log(sum(exp(logit - max))): taken around the largest logit so nothing overflows. */
    private static float logSumExp(float[] logits, float max) {
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return (float) Math.log(sum);
    }

    /** Indices of the {@code k} largest values, largest first (ties to the lower id). */
    static int[] topIndices(float[] values, int k) {
        int count = Math.min(k, values.length);
        int[] best = new int[count];
        int filled = 0;
        for (int i = 0; i < values.length; i++) {
            int at = filled;
            while (at > 0 && values[best[at - 1]] < values[i]) {
                at--;
            }
            if (at >= count) {
                continue;
            }
            int end = Math.min(filled, count - 1);
            System.arraycopy(best, at, best, at + 1, end - at);
            best[at] = i;
            filled = Math.min(filled + 1, count);
        }
        return best;
    }
}
