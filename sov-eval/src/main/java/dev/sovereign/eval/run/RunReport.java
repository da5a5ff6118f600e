package dev.sovereign.eval.run;

import dev.sovereign.eval.config.Suite;
import dev.sovereign.eval.provider.ProviderResponse.TokenUsage;
import java.time.Instant;
import java.util.List;

/** A finished run: the suite, every row's result in suite order, and when it started and ended. */
public record RunReport(String evalId, Suite suite, List<EvalResult> results, Instant started, Instant finished) {

    public long count(EvalResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    public double durationSeconds() {
        return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }

    /** Pass rate in percent over all rows; errors count as not passed. */
    public double passRatePercent() {
        return results.isEmpty() ? 100 : 100.0 * count(EvalResult.Outcome.PASS) / results.size();
    }

    public TokenUsage tokenUsage() {
        TokenUsage total = TokenUsage.NONE;
        for (EvalResult r : results) {
            if (r.response() != null) {
                total = total.plus(r.response().tokenUsage());
            }
            for (var c : r.components()) {
                total = total.plus(c.tokensUsed());
            }
        }
        return total;
    }
}
