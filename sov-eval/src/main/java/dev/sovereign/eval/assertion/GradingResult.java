package dev.sovereign.eval.assertion;

import dev.sovereign.eval.config.AssertionSpec;
import dev.sovereign.eval.provider.ProviderResponse.TokenUsage;

/** The verdict of one assertion: pass, a score in 0..1 (or the raw score), why, and grader tokens spent. */
public record GradingResult(boolean pass, double score, String reason, AssertionSpec assertion, TokenUsage tokensUsed) {

    public static GradingResult of(boolean pass, String failReason, AssertionSpec assertion) {
        return new GradingResult(pass, pass ? 1 : 0, pass ? "Assertion passed" : failReason, assertion, TokenUsage.NONE);
    }

    /** A pass/fail check negated when the assertion is a {@code not-} one. */
    public static GradingResult check(boolean raw, String failReason, AssertionSpec assertion) {
        return of(raw != assertion.inverse(), failReason, assertion);
    }

    public GradingResult withPass(boolean newPass) {
        return new GradingResult(newPass, score, reason, assertion, tokensUsed);
    }
}
