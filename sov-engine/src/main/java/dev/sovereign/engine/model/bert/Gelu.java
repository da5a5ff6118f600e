package dev.sovereign.engine.model.bert;

/** GELU as BERT configurations name it: exact (through erf) or the tanh approximation. */
final class Gelu {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    private Gelu() {
    }

    static void apply(float[] x, int from, int to, boolean exact) {
        for (int i = from; i < to; i++) {
            double v = x[i];
            x[i] = (float) (exact ? 0.5 * v * (1 + erf(v * SQRT_HALF))
                    : 0.5 * v * (1 + Math.tanh(SQRT_TWO_OVER_PI * (v + 0.044715 * v * v * v))));
        }
    }

    /**
     * erf in double precision (Java has none): its Taylor series where it converges quickly, else 1 - erfc from
     * erfc's continued fraction. Both are accurate far beyond float, so the result is PyTorch's erf to the last bit
     * of a float in all but rare ties.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double r;
        if (z < 2.5) {
            double term = z;
            double sum = z;
            double z2 = z * z;
            for (int n = 1; n < 60; n++) {
                term *= -z2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = TWO_OVER_SQRT_PI * sum;
        } else if (z > 6) {
            r = 1;
        } else {
            // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...))))), evaluated bottom-up
            double f = z;
            for (int k = 80; k >= 1; k--) {
                f = z + (k / 2.0) / f;
            }
            r = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
