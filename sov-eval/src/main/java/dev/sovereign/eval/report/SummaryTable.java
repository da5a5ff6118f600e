package dev.sovereign.eval.report;

import dev.sovereign.eval.run.EvalResult;
import dev.sovereign.eval.run.RunReport;
import java.util.Locale;

/** The plain-text summary printed after a run: one line per row, then the totals. */
public final class SummaryTable {

    private static final int NAME = 34;
    private static final int PROVIDER = 28;
    private static final int REASON = 60;

    private SummaryTable() {
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-4s %-" + NAME + "s %-" + PROVIDER + "s %-6s %6s  %s%n", "#", "test", "provider", "result", "score", "reason"));
        int i = 0;
        for (EvalResult r : report.results()) {
            String reason = r.outcome() == EvalResult.Outcome.PASS ? "" : r.reason();
            out.append(String.format(Locale.ROOT, "%-4d %-" + NAME + "s %-" + PROVIDER + "s %-6s %6.2f  %s%n", i++,
                    cut(testName(r), NAME), cut(r.provider().label(), PROVIDER), r.outcome(), r.score(), cut(reason, REASON)));
        }
        out.append(String.format(Locale.ROOT, "%nPassed %d, failed %d, errors %d (pass rate %.1f%%) in %.1f s%n",
                report.count(EvalResult.Outcome.PASS), report.count(EvalResult.Outcome.FAIL), report.count(EvalResult.Outcome.ERROR),
                report.passRatePercent(), report.durationSeconds()));
        return out.toString();
    }

    static String testName(EvalResult r) {
        String description = r.test().description();
        return description != null && !description.isBlank() ? description : "test " + r.testIdx();
    }

    private static String cut(String text, int width) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() <= width ? oneLine : oneLine.substring(0, width - 1) + "…";
    }
}
