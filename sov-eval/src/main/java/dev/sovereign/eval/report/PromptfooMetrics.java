package dev.sovereign.eval.report;

import dev.sovereign.eval.run.EvalResult;
import dev.sovereign.eval.run.RunReport;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference platform's eval metrics in Prometheus text format: per category
 * {@code promptfoo_test_total}, {@code promptfoo_test_failed} (errors count as failed) and
 * {@code promptfoo_test_pass_rate}, plus {@code promptfoo_test_schema_unknown_total} (rows with no
 * category), {@code promptfoo_run_duration_seconds} and {@code promptfoo_run_timestamp_seconds}, the
 * names its {@code PromptfooRegression} and {@code PromptfooStale} alerts read.
 */
public final class PromptfooMetrics {

    private PromptfooMetrics() {
    }

    public static String render(RunReport report) {
        Map<String, int[]> byCategory = new TreeMap<>();
        for (EvalResult r : report.results()) {
            int[] counts = byCategory.computeIfAbsent(r.category(), k -> new int[2]);
            counts[0]++;
            if (!r.success()) {
                counts[1]++;
            }
        }
        StringBuilder out = new StringBuilder();
        header(out, "promptfoo_test_total", "Tests run in the last evaluation, by category.");
        byCategory.forEach((c, n) -> sample(out, "promptfoo_test_total", c, Integer.toString(n[0])));
        header(out, "promptfoo_test_failed", "Tests that failed or errored in the last evaluation, by category.");
        byCategory.forEach((c, n) -> sample(out, "promptfoo_test_failed", c, Integer.toString(n[1])));
        header(out, "promptfoo_test_pass_rate", "Share of tests that passed in the last evaluation (0..1), by category.");
        byCategory.forEach((c, n) -> sample(out, "promptfoo_test_pass_rate", c, number((double) (n[0] - n[1]) / n[0])));
        header(out, "promptfoo_test_schema_unknown_total", "Tests without a category in metadata or vars.");
        out.append("promptfoo_test_schema_unknown_total ").append(byCategory.getOrDefault("unknown", new int[2])[0]).append('\n');
        header(out, "promptfoo_run_duration_seconds", "Wall-clock duration of the last evaluation.");
        out.append("promptfoo_run_duration_seconds ").append(number(report.durationSeconds())).append('\n');
        header(out, "promptfoo_run_timestamp_seconds", "Unix time at which the last evaluation finished.");
        out.append("promptfoo_run_timestamp_seconds ").append(report.finished().getEpochSecond()).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder out, String name, String category, String value) {
        out.append(name).append("{category=\"").append(escape(category)).append("\"} ").append(value).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replaceAll("\\.($|e)", "$1");
    }
}
