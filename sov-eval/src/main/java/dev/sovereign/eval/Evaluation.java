package dev.sovereign.eval;

import dev.sovereign.eval.assertion.Assertions;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.config.Suite;
import dev.sovereign.eval.config.SuiteLoader;
import dev.sovereign.eval.provider.EmbeddingClient;
import dev.sovereign.eval.provider.OpenAiProvider;
import dev.sovereign.eval.provider.Transport;
import dev.sovereign.eval.report.JunitXml;
import dev.sovereign.eval.report.MetricsPush;
import dev.sovereign.eval.report.PromptfooMetrics;
import dev.sovereign.eval.report.ResultsJson;
import dev.sovereign.eval.report.SummaryTable;
import dev.sovereign.eval.run.EvalRunner;
import dev.sovereign.eval.run.Progress;
import dev.sovereign.eval.run.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/** {@code sov eval}: load a suite, run it, print the table, write the requested files, decide the exit code. */
public final class Evaluation {

    /** Promptfoo's exit code when tests fail ({@code PROMPTFOO_FAILED_TEST_EXIT_CODE}). */
    public static final int FAILED_TESTS_EXIT = 100;

    private static final long SCRIPT_LIMIT_MS = 5_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final long RETRY_BACKOFF_MS = 250;

    private Evaluation() {
    }

    /** The finished run and the exit code it earns. */
    public record Result(RunReport report, int exitCode) {
    }

    public static Result run(EvalOptions options, Map<String, String> env, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Suite suite = new SuiteLoader(env).load(options.config());
        Transport transport = new Transport(options.retries(), REQUEST_TIMEOUT, RETRY_BACKOFF_MS);
        var suiteEndpoint = suite.providers().getFirst().config();
        OpenAiProvider client = new OpenAiProvider(transport, env, suiteEndpoint);
        ProviderSpec grader = options.grader() == null ? null : ProviderSpec.parse(options.grader(), null, null, "--grader");
        Assertions assertions = new Assertions(client, new EmbeddingClient(transport, env, suiteEndpoint), grader, SCRIPT_LIMIT_MS);
        Progress progress = options.progress() ? new TerminalProgress(err) : Progress.NONE;
        RunReport report = new EvalRunner(client, assertions)
                .run(suite, new EvalRunner.Overrides(options.maxConcurrency(), options.repeat(), options.timeoutMs()), progress);
        out.print(SummaryTable.render(report));
        out.flush();
        if (options.output() != null) {
            ResultsJson.write(report, options.output());
        }
        if (options.junit() != null) {
            JunitXml.write(report, options.junit());
        }
        String metrics = PromptfooMetrics.render(report);
        if (options.metrics() != null) {
            if (options.metrics().toAbsolutePath().getParent() != null) {
                Files.createDirectories(options.metrics().toAbsolutePath().getParent());
            }
            Files.writeString(options.metrics(), metrics);
        }
        if (options.pushUrl() != null) {
            MetricsPush.push(options.pushUrl(), metrics);
        }
        int exit = report.passRatePercent() + 1e-9 >= options.passRateThreshold() ? 0 : FAILED_TESTS_EXIT;
        return new Result(report, exit);
    }

    /** A one-line counter redrawn in place on the terminal. */
    private record TerminalProgress(PrintWriter err) implements Progress {
        @Override
        public synchronized void finished(int done, int total, dev.sovereign.eval.run.EvalResult last) {
            err.print("\reval: " + done + "/" + total + (done == total ? "\n" : ""));
            err.flush();
        }
    }
}
