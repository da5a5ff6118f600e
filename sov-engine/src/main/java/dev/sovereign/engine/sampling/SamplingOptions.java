package dev.sovereign.engine.sampling;

import java.util.List;
import java.util.Set;

/**
 * Everything a request says about choosing its tokens and when to stop, validated once so the engine loop never
 * sees a value it cannot use. {@code seed} null means a fresh random seed per request.
 */
public record SamplingOptions(double temperature, double topP, int topK, double minP, Long seed,
                              double presencePenalty, double frequencyPenalty, double repetitionPenalty,
                              int maxTokens, List<String> stop, Set<Integer> stopTokenIds, boolean ignoreEos,
                              boolean logprobs, int topLogprobs) {

    public static final int MAX_STOP_STRINGS = 16;
    public static final int MAX_TOP_LOGPROBS = 20;

    public SamplingOptions {
        check(temperature >= 0 && Double.isFinite(temperature), "temperature", "must be a finite number >= 0, got " + temperature);
        check(topP > 0 && topP <= 1, "top_p", "must be in (0, 1], got " + topP);
        check(topK == -1 || topK == 0 || topK >= 1, "top_k", "must be -1, 0 or a positive count, got " + topK);
        check(minP >= 0 && minP <= 1, "min_p", "must be in [0, 1], got " + minP);
        check(presencePenalty >= -2 && presencePenalty <= 2, "presence_penalty", "must be in [-2, 2], got " + presencePenalty);
        check(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequency_penalty", "must be in [-2, 2], got " + frequencyPenalty);
        check(repetitionPenalty > 0 && repetitionPenalty <= 2, "repetition_penalty", "must be in (0, 2], got " + repetitionPenalty);
        check(maxTokens >= 1, "max_tokens", "must be at least 1, got " + maxTokens);
        stop = stop == null ? List.of() : List.copyOf(stop);
        check(stop.size() <= MAX_STOP_STRINGS, "stop", "at most " + MAX_STOP_STRINGS + " stop strings, got " + stop.size());
        check(stop.stream().noneMatch(String::isEmpty), "stop", "a stop string must not be empty");
        stopTokenIds = stopTokenIds == null ? Set.of() : Set.copyOf(stopTokenIds);
        check(topLogprobs >= 0 && topLogprobs <= MAX_TOP_LOGPROBS, "top_logprobs", "must be in [0, " + MAX_TOP_LOGPROBS + "], got " + topLogprobs);
    }

    public static SamplingOptions greedy(int maxTokens) {
        return plain(0, 0L, maxTokens);
    }

    /** A draw from softmax(logits / temperature) with a fixed seed (argmax at 0), no other filter or penalty. */
    public static SamplingOptions plain(double temperature, long seed, int maxTokens) {
        return new SamplingOptions(temperature, 1, -1, 0, seed, 0, 0, 1, maxTokens, List.of(), Set.of(), false, false, 0);
    }

    /** The same options, generating past end-of-generation tokens (oracle comparisons and benchmarks). */
    public SamplingOptions ignoringEos() {
        return new SamplingOptions(temperature, topP, topK, minP, seed, presencePenalty, frequencyPenalty,
                repetitionPenalty, maxTokens, stop, stopTokenIds, true, logprobs, topLogprobs);
    }

    public SamplingOptions withMaxTokens(int tokens) {
        return new SamplingOptions(temperature, topP, topK, minP, seed, presencePenalty, frequencyPenalty,
                repetitionPenalty, tokens, stop, stopTokenIds, ignoreEos, logprobs, topLogprobs);
    }

    /**
     * The options of choice {@code index} of a request with several ({@code n}, {@code best_of}): with a seed, choice
     * i draws from seed + i (as vLLM seeds its child requests), so the choices differ, the request is reproducible,
     * and choice 0 is what the same request with n = 1 gives.
     */
    public SamplingOptions forChoice(int index) {
        if (seed == null || index == 0) {
            return this;
        }
        return new SamplingOptions(temperature, topP, topK, minP, seed + index, presencePenalty, frequencyPenalty,
                repetitionPenalty, maxTokens, stop, stopTokenIds, ignoreEos, logprobs, topLogprobs);
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidSamplingException(field, message);
        }
    }
}
