package dev.sovereign.engine.generate;

/**
 * How to pick each next token: greedy at temperature 0, otherwise sampling from the softmax at that temperature,
 * reproducible for a given seed.
 *
 * @param ignoreEos keep generating past end-of-generation tokens (benchmarks and oracle comparisons)
 */
public record SamplingParams(float temperature, long seed, int maxTokens, boolean ignoreEos) {

    public SamplingParams {
        if (temperature < 0 || Float.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max tokens must be >= 0, got " + maxTokens);
        }
    }

    public static SamplingParams greedy(int maxTokens) {
        return new SamplingParams(0f, 0L, maxTokens, false);
    }
}
