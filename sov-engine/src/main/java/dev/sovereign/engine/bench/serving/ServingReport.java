package dev.sovereign.engine.bench.serving;

import java.util.Locale;

/** A serving run as a Markdown table, one row per concurrency level, with the setup above it. */
public final class ServingReport {

    private ServingReport() {
    }

    public static String markdown(ServingLoad.Report report) {
        ServingLoad.Options o = report.options();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s %s, model %s: prompts of %d tokens asked (%d words; sizing probe %d "
                + "tokens), max_tokens %d, %s, temperature 0%n%n", o.url(), o.endpoint().path(), o.model(),
                o.promptTokens(), report.words(), report.sizedPromptTokens(), o.outputTokens(),
                report.ignoreEos() ? "ignore_eos" : "ignore_eos refused by the server (requests may stop early)"));
        s.append("| concurrency | requests ok / failed | prompt tokens min / mean / max | output tokens | short of max_tokens "
                + "| duration s | req/s | output tok/s | TTFT p50 / p90 / p99 ms | TPOT p50 / p90 / p99 ms "
                + "| ITL p50 / p90 / p99 ms |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LevelMetrics m : report.levels()) {
            s.append(String.format(Locale.ROOT, "| %d | %d / %d | %d / %.1f / %d | %d | %d | %.2f | %.3f | %.2f "
                    + "| %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f |%n",
                    m.concurrency(), m.completed(), m.failed(), m.promptTokensMin(), m.promptTokensMean(),
                    m.promptTokensMax(), m.outputTokens(), m.shortRequests(), m.duration(), m.requestThroughput(),
                    m.outputThroughput(), ms(m.ttft(50)), ms(m.ttft(90)), ms(m.ttft(99)), ms(m.tpot(50)), ms(m.tpot(90)),
                    ms(m.tpot(99)), ms(m.itl(50)), ms(m.itl(90)), ms(m.itl(99))));
        }
        return s.toString();
    }

    private static double ms(double seconds) {
        return seconds * 1e3;
    }
}
