package dev.sovereign.eval.run;

import dev.sovereign.eval.assertion.GradingResult;
import dev.sovereign.eval.config.PromptSpec;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.config.TestCase;
import dev.sovereign.eval.provider.ProviderResponse;
import java.util.List;
import java.util.Map;

/**
 * One (test, prompt, provider, repeat) row of a run. {@code column} is the suite provider whose
 * column the row belongs to and {@code promptIdx} the index of that (prompt, provider) column, as
 * in Promptfoo's results; {@code provider} is the one that answered (a test may override it).
 * {@code error} is set when the row could not be graded at all (provider down, broken assertion):
 * an error, not a failure.
 */
public record EvalResult(
        int testIdx,
        int promptIdx,
        int repeatIdx,
        TestCase test,
        PromptSpec prompt,
        String renderedPrompt,
        ProviderSpec column,
        ProviderSpec provider,
        ProviderResponse response,
        boolean success,
        double score,
        Map<String, Double> namedScores,
        String reason,
        List<GradingResult> components,
        String error) {

    public enum Outcome { PASS, FAIL, ERROR }

    public Outcome outcome() {
        return error != null ? Outcome.ERROR : success ? Outcome.PASS : Outcome.FAIL;
    }

    /** Promptfoo's {@code failureReason}: 0 none, 1 an assertion failed, 2 an error. */
    public int failureReason() {
        return switch (outcome()) {
            case PASS -> 0;
            case FAIL -> 1;
            case ERROR -> 2;
        };
    }

    /** The test's category for metrics: metadata.category, then vars.category, else "unknown". */
    public String category() {
        var fromMetadata = test.metadata().get("category");
        if (fromMetadata != null && !fromMetadata.asText().isEmpty()) {
            return fromMetadata.asText();
        }
        var fromVars = test.vars().get("category");
        return fromVars != null && !fromVars.asText().isEmpty() ? fromVars.asText() : "unknown";
    }
}
