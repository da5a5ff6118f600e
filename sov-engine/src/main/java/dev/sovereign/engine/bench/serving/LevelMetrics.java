package dev.sovereign.engine.bench.serving;

import dev.sovereign.engine.bench.Percentiles;
import java.util.ArrayList;
import java.util.List;

/**
 * One concurrency level's figures, defined as vLLM's {@code benchmark_serving.py} defines them: throughputs over the
 * level's wall time (first request sent to last stream ended); TTFT per request; TPOT per request (latency - TTFT)
 * over (output tokens - 1); ITL over every gap between consecutive token chunks of every request. Times in seconds.
 */
public record LevelMetrics(int concurrency, int completed, int failed, String firstError, double duration,
        int promptTokensMin, double promptTokensMean, int promptTokensMax, int outputTokens, int shortRequests,
        List<Double> ttfts, List<Double> tpots, List<Double> itls, List<Double> latencies) {

    /** @param outputTokensWanted max_tokens of the level, to count the requests that stopped before it */
    public static LevelMetrics of(int concurrency, List<RequestRecord> records, double duration, int outputTokensWanted) {
        List<Double> ttfts = new ArrayList<>();
        List<Double> tpots = new ArrayList<>();
        List<Double> itls = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        int completed = 0;
        int output = 0;
        int shortRequests = 0;
        int promptMin = Integer.MAX_VALUE;
        int promptMax = -1;
        long promptSum = 0;
        int promptCounted = 0;
        String firstError = null;
        for (RequestRecord r : records) {
            if (!r.succeeded()) {
                firstError = firstError == null ? r.error() : firstError;
                continue;
            }
            completed++;
            output += r.outputTokens();
            shortRequests += r.outputTokens() < outputTokensWanted ? 1 : 0;
            ttfts.add(r.ttft());
            if (r.outputTokens() > 1) {
                tpots.add(r.tpot());
            }
            latencies.add(r.latency());
            for (int i = 1; i < r.chunkTimes().size(); i++) {
                itls.add(r.chunkTimes().get(i) - r.chunkTimes().get(i - 1));
            }
            if (r.promptTokens() >= 0) {
                promptMin = Math.min(promptMin, r.promptTokens());
                promptMax = Math.max(promptMax, r.promptTokens());
                promptSum += r.promptTokens();
                promptCounted++;
            }
        }
        return new LevelMetrics(concurrency, completed, records.size() - completed, firstError, duration,
                promptCounted == 0 ? -1 : promptMin, promptCounted == 0 ? Double.NaN : promptSum / (double) promptCounted,
                promptMax, output, shortRequests, ttfts, tpots, itls, latencies);
    }

    public double requestThroughput() {
        return completed / duration;
    }

    public double outputThroughput() {
        return outputTokens / duration;
    }

    public double ttft(double percentile) {
        return Percentiles.of(ttfts, percentile);
    }

    public double tpot(double percentile) {
        return Percentiles.of(tpots, percentile);
    }

    public double itl(double percentile) {
        return Percentiles.of(itls, percentile);
    }
}
