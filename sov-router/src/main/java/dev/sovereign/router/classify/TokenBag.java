package dev.sovereign.router.classify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sovereign.router.encoder.IntList;
import java.util.Arrays;

/**
 * The sparse half of a head: which WordPiece tokens a prompt contains, as an L2-normalised
 * TF-IDF vector over the tokens seen in training, and one weight per (class, token). Subject
 * words ("enzyme", "tort", "eigenvalue") separate exam subjects better than a mean of token
 * vectors, which blurs them (docs/decisions/0033). Tokens never seen in training are ignored.
 */
public final class TokenBag {

    /** A prompt's bag: columns (indices into {@link #tokens()}) and their normalised weights. */
    public record Vector(int[] columns, float[] values) {
    }

    private final int[] tokens;
    private final float[] idf;
    private final float[][] weights;
    /** Token id to column, -1 when the token was not seen in training. */
    private final int[] columnOf;

    @JsonCreator
    public TokenBag(@JsonProperty("tokens") int[] tokens, @JsonProperty("idf") float[] idf,
                    @JsonProperty("weights") float[][] weights) {
        this.tokens = tokens;
        this.idf = idf;
        this.weights = weights;
        int max = tokens.length == 0 ? 0 : tokens[tokens.length - 1] + 1;
        this.columnOf = new int[max];
        Arrays.fill(columnOf, -1);
        for (int i = 0; i < tokens.length; i++) {
            columnOf[tokens[i]] = i;
        }
    }

    /** The vocabulary of {@code docs} (sorted token ids) with smoothed IDF, and zero weights for {@code classes}. */
    public static TokenBag vocabulary(Iterable<IntList> docs, int docCount, int classes) {
        java.util.TreeMap<Integer, Integer> df = new java.util.TreeMap<>();
        for (IntList doc : docs) {
            int[] ids = doc.toArray();
            Arrays.sort(ids);
            for (int i = 0; i < ids.length; i++) {
                if (i == 0 || ids[i] != ids[i - 1]) {
                    df.merge(ids[i], 1, Integer::sum);
                }
            }
        }
        int[] tokens = df.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] idf = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            idf[i] = (float) (Math.log((docCount + 1.0) / (df.get(tokens[i]) + 1.0)) + 1);
        }
        return new TokenBag(tokens, idf, new float[classes][tokens.length]);
    }

    /** (1 + ln count) x IDF per distinct known token, L2-normalised. */
    public Vector vector(IntList prompt) {
        int[] ids = prompt.toArray();
        Arrays.sort(ids);
        int[] columns = new int[ids.length];
        float[] values = new float[ids.length];
        int n = 0;
        double sumSq = 0;
        for (int i = 0; i < ids.length; ) {
            int j = i;
            while (j < ids.length && ids[j] == ids[i]) {
                j++;
            }
            int column = ids[i] >= 0 && ids[i] < columnOf.length ? columnOf[ids[i]] : -1;
            if (column >= 0) {
                float v = (float) ((1 + Math.log(j - i)) * idf[column]);
                columns[n] = column;
                values[n++] = v;
                sumSq += (double) v * v;
            }
            i = j;
        }
        float inv = sumSq == 0 ? 0 : (float) (1 / Math.sqrt(sumSq));
        for (int i = 0; i < n; i++) {
            values[i] *= inv;
        }
        return new Vector(Arrays.copyOf(columns, n), Arrays.copyOf(values, n));
    }

    /** Adds this bag's contribution to each class logit. */
    void addLogits(IntList prompt, double[] logits) {
        Vector v = vector(prompt);
        for (int c = 0; c < logits.length; c++) {
            float[] w = weights[c];
            double z = 0;
            for (int i = 0; i < v.columns.length; i++) {
                z += w[v.columns[i]] * v.values[i];
            }
            logits[c] += z;
        }
    }

    /** The same vocabulary and IDF with trained weights. */
    public TokenBag withWeights(float[][] trained) {
        return new TokenBag(tokens, idf, trained);
    }

    @JsonProperty("tokens")
    public int[] tokens() {
        return tokens;
    }

    @JsonProperty("idf")
    public float[] idf() {
        return idf;
    }

    @JsonProperty("weights")
    public float[][] weights() {
        return weights;
    }
}
