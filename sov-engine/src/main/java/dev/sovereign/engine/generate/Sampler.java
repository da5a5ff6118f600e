package dev.sovereign.engine.generate;

import java.util.SplittableRandom;

/** Chooses the next token from logits: argmax at temperature 0, else a seeded draw from softmax(logits / T). */
public final class Sampler {

    private final float temperature;
    private final SplittableRandom random;

    public Sampler(float temperature, long seed) {
        this.temperature = temperature;
        this.random = new SplittableRandom(seed);
    }

    public int next(float[] logits) {
        if (temperature == 0f) {
            return argmax(logits);
        }
        float max = logits[argmax(logits)];
        double[] weights = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - max) / temperature);
            sum += weights[i];
        }
        double target = random.nextDouble() * sum;
        for (int i = 0; i < logits.length; i++) {
            target -= weights[i];
            if (target <= 0) {
                return i;
            }
        }
        return logits.length - 1;
    }

    /** The first index of the largest value (ties resolve to the lower id, as llama.cpp's greedy sampler). */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
