package dev.sovereign.cli;

import dev.sovereign.eval.EvalOptions;
import dev.sovereign.eval.Evaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sov eval}: run a Promptfoo-style evaluation suite (see docs/eval.md). */
@Command(name = "eval", description = "Run a Promptfoo-compatible evaluation suite; exit 100 when the pass rate is under the threshold.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The suite (promptfooconfig.yaml shape).")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write results as Promptfoo JSON (version 3).")
    Path output;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML for CI.")
    Path junit;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Write promptfoo_* metrics in Prometheus text format.")
    Path metrics;

    @Option(names = "--push-url", paramLabel = "URL", description = "POST the metrics to this import URL (e.g. VictoriaMetrics /api/v1/import/prometheus).")
    String pushUrl;

    @Option(names = {"-j", "--max-concurrency"}, paramLabel = "N", description = "Rows run at once (default: the suite's, else 4).")
    Integer maxConcurrency;

    @Option(names = "--repeat", paramLabel = "N", description = "Run each test N times.")
    Integer repeat;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "Per-row time limit, model and graders included (0: none).")
    Long timeoutMs;

    @Option(names = "--retries", defaultValue = "2", paramLabel = "N", description = "Retries on transport errors, 429 and 502-504 (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--grader", paramLabel = "PROVIDER", description = "Default grader for model-graded assertions, e.g. openai:chat:MODEL.")
    String grader;

    @Option(names = "--pass-rate-threshold", defaultValue = "100", paramLabel = "PERCENT",
            description = "Exit 0 when at least this share of rows passes (default: ${DEFAULT-VALUE}).")
    double passRateThreshold;

    @Option(names = "--no-progress", description = "Do not draw the progress line.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (passRateThreshold < 0 || passRateThreshold > 100) {
            throw new IllegalArgumentException("--pass-rate-threshold must be between 0 and 100");
        }
        EvalOptions options = new EvalOptions(config, output, junit, metrics, pushUrl, maxConcurrency, repeat, timeoutMs, grader,
                passRateThreshold, retries, !noProgress && System.console() != null);
        return Evaluation.run(options, System.getenv(), spec.commandLine().getOut(), spec.commandLine().getErr()).exitCode();
    }
}
