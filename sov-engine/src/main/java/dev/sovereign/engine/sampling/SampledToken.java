package dev.sovereign.engine.sampling;

import java.util.List;

/** A chosen token with its log-probability and, when asked for, the most likely alternatives. */
public record SampledToken(int token, float logprob, List<Alternative> top) {

    public record Alternative(int token, float logprob) {
    }
}
