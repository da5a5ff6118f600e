package dev.sovereign.eval;

import java.nio.file.Path;

/**
 * What {@code sov eval} was asked to do. Null paths and overrides mean "not requested" / "as the suite
 * says". {@code passRateThreshold} is the percentage of rows that must pass for exit code 0.
 */
public record EvalOptions(
        Path config,
        Path output,
        Path junit,
        Path metrics,
        String pushUrl,
        Integer maxConcurrency,
        Integer repeat,
        Long timeoutMs,
        String grader,
        double passRateThreshold,
        int retries,
        boolean progress) {

    public static EvalOptions of(Path config) {
        return new EvalOptions(config, null, null, null, null, null, null, null, null, 100, 2, false);
    }

    public EvalOptions withOutputs(Path newOutput, Path newJunit, Path newMetrics) {
        return new EvalOptions(config, newOutput, newJunit, newMetrics, pushUrl, maxConcurrency, repeat, timeoutMs, grader,
                passRateThreshold, retries, progress);
    }
}
