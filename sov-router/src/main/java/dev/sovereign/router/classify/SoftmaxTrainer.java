package dev.sovereign.router.classify;

import dev.sovereign.router.encoder.IntList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link LinearHead} by mini-batch Adam on the softmax cross-entropy with L2, with
 * class weights that balance the labels; optionally over each row's {@link TokenBag} as well. Single-threaded with a fixed seed and a fixed visiting
 * order, so the same data gives bit-identical heads (the reproducibility acceptance item).
 */
public final class SoftmaxTrainer {

    /**
     * {@code bagL2} is the L2 on the token-bag weights (their features are sparse and unscaled);
     * {@code decay} lowers the learning rate linearly to zero, so the last steps settle instead of
     * wandering around the optimum.
     */
    public record Settings(int epochs, int batch, double learningRate, double l2, double bagL2, boolean decay, long seed) {
        public Settings(int epochs, int batch, double learningRate, double l2, long seed) {
            this(epochs, batch, learningRate, l2, 0, false, seed);
        }
    }

    /** Bag weights are written with 5 decimals: plenty for the logits, and a third of the JSON. */
    private static final double BAG_ROUNDING = 1e5;

    private final Settings settings;

    public SoftmaxTrainer(Settings settings) {
        this.settings = settings;
    }

    public LinearHead train(String name, String features, List<String> labels, List<float[]> xs, int[] ys,
                            Map<String, Object> provenance) {
        return train(name, features, labels, xs, null, ys, provenance);
    }

    /** With {@code bags} (each row's tokens), the head also learns one weight per (class, token). */
    public LinearHead train(String name, String features, List<String> labels, List<float[]> xs, List<IntList> bags,
                            int[] ys, Map<String, Object> provenance) {
        return train(name, features, labels, xs, bags, ys, balancedWeights(ys, labels.size()), provenance);
    }

    /**
     * With a weight per row instead of per class: for rows that must be balanced on more than the
     * label (the jailbreak head balances label within each length band, docs/decisions/0105).
     */
    public LinearHead trainWeighted(String name, String features, List<String> labels, List<float[]> xs, List<IntList> bags,
                                    int[] ys, double[] rowWeights, Map<String, Object> provenance) {
        return train(name, features, labels, xs, bags, ys, rowWeights, provenance);
    }

    private LinearHead train(String name, String features, List<String> labels, List<float[]> xs, List<IntList> bags,
                             int[] ys, double[] rowWeight, Map<String, Object> provenance) {
        int n = xs.size();
        int d = xs.getFirst().length;
        int k = labels.size();
        float[] mean = new float[d];
        float[] scale = new float[d];
        standardisation(xs, mean, scale);
        float[][] x = new float[n][d];
        for (int r = 0; r < n; r++) {
            float[] src = xs.get(r);
            for (int i = 0; i < d; i++) {
                x[r][i] = (src[i] - mean[i]) * scale[i];
            }
        }
        double[][] w = new double[k][d + 1];
        double[][] m = new double[k][d + 1];
        double[][] v = new double[k][d + 1];
        double[][] grad = new double[k][d + 1];
        TokenBag vocabulary = bags == null ? null : TokenBag.vocabulary(bags, n, k);
        TokenBag.Vector[] bag = new TokenBag.Vector[bags == null ? 0 : n];
        for (int r = 0; r < bag.length; r++) {
            bag[r] = vocabulary.vector(bags.get(r));
        }
        int vb = vocabulary == null ? 0 : vocabulary.tokens().length;
        double[][] bw = new double[k][vb];
        double[][] bm = new double[k][vb];
        double[][] bv = new double[k][vb];
        double[][] bgrad = new double[k][vb];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        double b1 = 0.9;
        double b2 = 0.999;
        int step = 0;
        int totalSteps = settings.epochs() * ((n + settings.batch() - 1) / settings.batch());
        double[] p = new double[k];
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += settings.batch()) {
                int end = Math.min(n, start + settings.batch());
                for (double[] g : grad) {
                    java.util.Arrays.fill(g, 0);
                }
                for (double[] g : bgrad) {
                    java.util.Arrays.fill(g, 0);
                }
                double batchWeight = 0;
                for (int j = start; j < end; j++) {
                    int r = order[j];
                    TokenBag.Vector row = bag.length == 0 ? null : bag[r];
                    softmax(w, x[r], bw, row, p);
                    double cw = rowWeight[r];
                    batchWeight += cw;
                    for (int c = 0; c < k; c++) {
                        double err = cw * (p[c] - (c == ys[r] ? 1 : 0));
                        double[] g = grad[c];
                        for (int i = 0; i < d; i++) {
                            g[i] += err * x[r][i];
                        }
                        g[d] += err;
                        if (row != null) {
                            double[] bg = bgrad[c];
                            for (int t = 0; t < row.columns().length; t++) {
                                bg[row.columns()[t]] += err * row.values()[t];
                            }
                        }
                    }
                }
                step++;
                double lr = settings.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step))
                        * (settings.decay() ? 1 - (double) (step - 1) / totalSteps : 1);
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i <= d; i++) {
                        double g = grad[c][i] / batchWeight + (i < d ? settings.l2() * w[c][i] : 0);
                        m[c][i] = b1 * m[c][i] + (1 - b1) * g;
                        v[c][i] = b2 * v[c][i] + (1 - b2) * g * g;
                        w[c][i] -= lr * m[c][i] / (Math.sqrt(v[c][i]) + 1e-8);
                    }
                    for (int i = 0; i < vb; i++) {
                        double g = bgrad[c][i] / batchWeight + settings.bagL2() * bw[c][i];
                        bm[c][i] = b1 * bm[c][i] + (1 - b1) * g;
                        bv[c][i] = b2 * bv[c][i] + (1 - b2) * g * g;
                        bw[c][i] -= lr * bm[c][i] / (Math.sqrt(bv[c][i]) + 1e-8);
                    }
                }
            }
        }
        float[][] weights = new float[k][d];
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                weights[c][i] = (float) w[c][i];
            }
            bias[c] = (float) w[c][d];
        }
        TokenBag trainedBag = null;
        if (vocabulary != null) {
            float[][] bagWeights = new float[k][vb];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < vb; i++) {
                    bagWeights[c][i] = (float) (Math.round(bw[c][i] * BAG_ROUNDING) / BAG_ROUNDING);
                }
            }
            trainedBag = vocabulary.withWeights(bagWeights);
        }
        return new LinearHead(name, features, labels, mean, scale, weights, bias, provenance, trainedBag);
    }

    private static void softmax(double[][] w, float[] x, double[][] bw, TokenBag.Vector bag, double[] p) {
        int d = x.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double z = w[c][d];
            for (int i = 0; i < d; i++) {
                z += w[c][i] * x[i];
            }
            if (bag != null) {
                for (int t = 0; t < bag.columns().length; t++) {
                    z += bw[c][bag.columns()[t]] * bag.values()[t];
                }
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    private static void standardisation(List<float[]> xs, float[] mean, float[] scale) {
        int d = mean.length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] x : xs) {
            for (int i = 0; i < d; i++) {
                sum[i] += x[i];
                sq[i] += (double) x[i] * x[i];
            }
        }
        for (int i = 0; i < d; i++) {
            double mu = sum[i] / xs.size();
            double var = Math.max(sq[i] / xs.size() - mu * mu, 1e-12);
            mean[i] = (float) mu;
            scale[i] = (float) (1 / Math.sqrt(var));
        }
    }

    /** Each row weighted so that every label weighs the same in total. */
    private static double[] balancedWeights(int[] ys, int k) {
        int[] counts = new int[k];
        for (int y : ys) {
            counts[y]++;
        }
        double[] w = new double[ys.length];
        for (int r = 0; r < ys.length; r++) {
            w[r] = (double) ys.length / (k * counts[ys[r]]);
        }
        return w;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
