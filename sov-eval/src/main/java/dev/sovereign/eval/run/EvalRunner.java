package dev.sovereign.eval.run;

import dev.sovereign.eval.assertion.Assertions;
import dev.sovereign.eval.assertion.GradingResult;
import dev.sovereign.eval.config.AssertionSpec;
import dev.sovereign.eval.config.PromptSpec;
import dev.sovereign.eval.config.ProviderSpec;
import dev.sovereign.eval.config.Suite;
import dev.sovereign.eval.config.TestCase;
import dev.sovereign.eval.provider.OpenAiProvider;
import dev.sovereign.eval.provider.ProviderResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every (repeat, test, prompt, provider) row of a suite, at most {@code maxConcurrency} at a time
 * on virtual threads. A row that cannot be graded (provider down, timed out, broken assertion)
 * becomes an error row and the run goes on.
 */
public final class EvalRunner {

    private final OpenAiProvider provider;
    private final Assertions assertions;

    public EvalRunner(OpenAiProvider provider, Assertions assertions) {
        this.provider = provider;
        this.assertions = assertions;
    }

    /** Overrides of the suite's {@code evaluateOptions}; null keeps the suite's value. */
    public record Overrides(Integer maxConcurrency, Integer repeat, Long timeoutMs) {
        public static final Overrides NONE = new Overrides(null, null, null);
    }

    public RunReport run(Suite suite, Overrides overrides, Progress progress) throws InterruptedException {
        Suite.RunSettings s = suite.settings();
        int concurrency = Math.max(1, overrides.maxConcurrency() != null ? overrides.maxConcurrency() : s.maxConcurrency());
        int repeat = Math.max(1, overrides.repeat() != null ? overrides.repeat() : s.repeat());
        long timeoutMs = overrides.timeoutMs() != null ? overrides.timeoutMs() : s.timeoutMs();
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (TestCase test : suite.tests()) {
                for (int p = 0; p < suite.prompts().size(); p++) {
                    for (int c = 0; c < suite.providers().size(); c++) {
                        ProviderSpec column = suite.providers().get(c);
                        rows.add(new Row(r, test, p * suite.providers().size() + c, suite.prompts().get(p), column,
                                test.provider() != null ? test.provider() : column));
                    }
                }
            }
        }
        Instant started = Instant.now();
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger done = new AtomicInteger();
        List<Future<EvalResult>> futures = new ArrayList<>();
        try (ExecutorService rowThreads = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService callThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Row row : rows) {
                futures.add(rowThreads.submit(() -> {
                    permits.acquire();
                    try {
                        if (s.delayMs() > 0) {
                            Thread.sleep(s.delayMs());
                        }
                        EvalResult result = timed(callThreads, row, timeoutMs);
                        progress.finished(done.incrementAndGet(), rows.size(), result);
                        return result;
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<EvalResult> results = new ArrayList<>();
            for (Future<EvalResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("evaluation row failed unexpectedly", e.getCause());
                }
            }
            return new RunReport(UUID.randomUUID().toString(), suite, results, started, Instant.now());
        }
    }

    /** {@code columnIdx} numbers the (prompt, suite provider) columns; {@code provider} is the one called. */
    private record Row(int repeat, TestCase test, int columnIdx, PromptSpec prompt, ProviderSpec column, ProviderSpec provider) {
    }

    private EvalResult timed(ExecutorService threads, Row row, long timeoutMs) throws InterruptedException {
        if (timeoutMs <= 0) {
            return evaluate(row);
        }
        Future<EvalResult> f = threads.submit(() -> evaluate(row));
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return errorRow(row, null, null, "Evaluation timed out after " + timeoutMs + "ms");
        } catch (ExecutionException e) {
            return errorRow(row, null, null, String.valueOf(e.getCause()));
        }
    }

    private EvalResult evaluate(Row row) {
        String rendered;
        try {
            rendered = PromptRenderer.render(row.prompt().raw(), row.test().vars());
        } catch (RuntimeException e) {
            return errorRow(row, null, null, "tests[" + row.test().index() + "]: prompt: " + e.getMessage());
        }
        ProviderResponse response = provider.call(row.provider(), rendered);
        if (response.error() != null) {
            return errorRow(row, rendered, response, response.error());
        }
        if (response.output() == null || response.output().isNull()) {
            return errorRow(row, rendered, response, "No output");
        }
        Scorecard card = new Scorecard(row.test().threshold());
        List<AssertionSpec> asserts = row.test().asserts();
        for (int i = 0; i < asserts.size(); i++) {
            AssertionSpec spec = asserts.get(i);
            GradingResult result;
            try {
                result = assertions.grade(spec, row.test(), row.provider(), rendered, response);
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                return errorRow(row, rendered, response, "tests[" + row.test().index() + "].assert[" + i + "] ("
                        + spec.writtenType() + "): " + message);
            }
            card.add(spec, result);
        }
        return new EvalResult(row.test().index(), row.columnIdx(), row.repeat(), row.test(), row.prompt(), rendered,
                row.column(), row.provider(), response, card.pass(), card.score(), card.namedScores(), card.reason(), card.results(), null);
    }

    private static EvalResult errorRow(Row row, String rendered, ProviderResponse response, String error) {
        return new EvalResult(row.test().index(), row.columnIdx(), row.repeat(), row.test(), row.prompt(),
                rendered == null ? row.prompt().raw() : rendered, row.column(), row.provider(), response, false, 0, Map.of(), error, List.of(), error);
    }
}
