package dev.sovereign.router.classify;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link LinearHead} by mini-batch Adam on the softmax cross-entropy with L2, with
 * class weights that balance the labels. Single-threaded with a fixed seed and a fixed visiting
 * order, so the same data gives bit-identical heads (the reproducibility acceptance item).
 */
public final class SoftmaxTrainer {

    public record Settings(int epochs, int batch, double learningRate, double l2, long seed) {
        public static Settings defaults() {
            return new Settings(40, 64, 0.01, 1e-4, 42L);
        }
    }

    private final Settings settings;

    public SoftmaxTrainer(Settings settings) {
        this.settings = settings;
    }

    public LinearHead train(String name, String features, List<String> labels, List<float[]> xs, int[] ys,
                            Map<String, Object> provenance) {
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
        double[] classWeight = balancedWeights(ys, k);
        double[][] w = new double[k][d + 1];
        double[][] m = new double[k][d + 1];
        double[][] v = new double[k][d + 1];
        double[][] grad = new double[k][d + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        double b1 = 0.9;
        double b2 = 0.999;
        int step = 0;
        double[] p = new double[k];
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < n; start += settings.batch()) {
                int end = Math.min(n, start + settings.batch());
                for (double[] g : grad) {
                    java.util.Arrays.fill(g, 0);
                }
                double batchWeight = 0;
                for (int j = start; j < end; j++) {
                    int r = order[j];
                    softmax(w, x[r], p);
                    double cw = classWeight[ys[r]];
                    batchWeight += cw;
                    for (int c = 0; c < k; c++) {
                        double err = cw * (p[c] - (c == ys[r] ? 1 : 0));
                        double[] g = grad[c];
                        for (int i = 0; i < d; i++) {
                            g[i] += err * x[r][i];
                        }
                        g[d] += err;
                    }
                }
                step++;
                double lr = settings.learningRate() * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i <= d; i++) {
                        double g = grad[c][i] / batchWeight + (i < d ? settings.l2() * w[c][i] : 0);
                        m[c][i] = b1 * m[c][i] + (1 - b1) * g;
                        v[c][i] = b2 * v[c][i] + (1 - b2) * g * g;
                        w[c][i] -= lr * m[c][i] / (Math.sqrt(v[c][i]) + 1e-8);
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
        return new LinearHead(name, features, labels, mean, scale, weights, bias, provenance);
    }

    private static void softmax(double[][] w, float[] x, double[] p) {
        int d = x.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double z = w[c][d];
            for (int i = 0; i < d; i++) {
                z += w[c][i] * x[i];
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

    private static double[] balancedWeights(int[] ys, int k) {
        int[] counts = new int[k];
        for (int y : ys) {
            counts[y]++;
        }
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = counts[c] == 0 ? 0 : (double) ys.length / (k * counts[c]);
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
