package dev.sovereign.router.encoder;

/** The few vector operations the router needs, on plain float arrays. */
public final class Vectors {
    private Vectors() {
    }

    public static float[] scale(float[] v, float s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return sum == 0 ? v : scale(v, (float) (1 / Math.sqrt(sum)));
    }

    public static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
