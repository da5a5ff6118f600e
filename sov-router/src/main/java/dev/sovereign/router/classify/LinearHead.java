package dev.sovereign.router.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sovereign.router.encoder.IntList;
import java.util.List;
import java.util.Map;

/**
 * A softmax (or, with two labels, logistic) classifier over a standardised feature vector and,
 * when {@code tokenBag} is present, the prompt's bag of tokens too. The heads are small, so they
 * are committed as JSON next to the data provenance they came from.
 */
public record LinearHead(
        @JsonProperty("name") String name,
        @JsonProperty("features") String features,
        @JsonProperty("labels") List<String> labels,
        @JsonProperty("mean") float[] mean,
        @JsonProperty("scale") float[] scale,
        @JsonProperty("weights") float[][] weights,
        @JsonProperty("bias") float[] bias,
        @JsonProperty("provenance") Map<String, Object> provenance,
        @JsonProperty("tokenBag") @JsonInclude(JsonInclude.Include.NON_NULL) TokenBag tokenBag) {

    /** Class probabilities for one feature vector, in {@link #labels()} order. */
    public float[] probabilities(float[] x) {
        return probabilities(x, null);
    }

    /** Class probabilities from the feature vector and, if this head has a token bag, the prompt's tokens. */
    public float[] probabilities(float[] x, IntList tokens) {
        int k = labels.size();
        double[] logits = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double z = bias[c];
            float[] w = weights[c];
            for (int i = 0; i < x.length; i++) {
                z += w[i] * ((x[i] - mean[i]) * scale[i]);
            }
            logits[c] = z;
        }
        if (tokenBag != null && tokens != null) {
            tokenBag.addLogits(tokens, logits);
        }
        for (int c = 0; c < k; c++) {
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        float[] p = new float[k];
        for (int c = 0; c < k; c++) {
            p[c] = (float) (logits[c] / sum);
        }
        return p;
    }

    public int dimension() {
        return mean.length;
    }

    public static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
