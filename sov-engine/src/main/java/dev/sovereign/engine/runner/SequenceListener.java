package dev.sovereign.engine.runner;

import dev.sovereign.engine.sampling.SampledToken;

/** Receives one sequence's output from the engine loop thread; implementations must not block for long. */
public interface SequenceListener {

    /** A generated token ({@code null} for the final held-back text) and the text that became safe to show. */
    void onToken(SampledToken token, String text);

    void onFinish(Completion completion);

    /**
     * The logits the next token is about to be chosen from (the model's, before penalties and temperature), a fresh
     * array per step. For oracle comparisons and probes; serving listeners ignore it.
     */
    default void onLogits(float[] logits) {
    }

    /**
     * @param reason            {@code stop}, {@code length}, {@code abort} or {@code error}
     * @param cumulativeLogprob sum of the model's log-probabilities of the sampled tokens (an end-of-generation token
     *                          included), kept for choices that {@code best_of} ranks; NaN otherwise
     */
    record Completion(String reason, int promptTokens, int completionTokens, int cachedTokens, String error,
                      double cumulativeLogprob) {

        public Completion(String reason, int promptTokens, int completionTokens, int cachedTokens, String error) {
            this(reason, promptTokens, completionTokens, cachedTokens, error, Double.NaN);
        }
    }
}
