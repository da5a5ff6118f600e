package dev.sovereign.engine.bench.serving;

import java.util.List;

/**
 * What the client saw of one streamed request, times in seconds from when it was sent.
 *
 * @param promptTokens the server's {@code usage.prompt_tokens} (-1 when it reported none)
 * @param outputTokens the server's {@code usage.completion_tokens}, else the number of chunks that carried a token
 * @param chunkTimes   arrival time of each chunk that carried a token; the first is the time to first token
 * @param latency      until the stream ended
 * @param error        null when the request succeeded
 */
public record RequestRecord(int promptTokens, int outputTokens, List<Double> chunkTimes, double latency, String error) {

    public static RequestRecord failed(String error, double latency) {
        return new RequestRecord(-1, 0, List.of(), latency, error);
    }

    public boolean succeeded() {
        return error == null && !chunkTimes.isEmpty();
    }

    public double ttft() {
        return chunkTimes.getFirst();
    }

    /**
     * Time per output token after the first, vLLM's TPOT: (latency - TTFT) / (output tokens - 1); NaN for a single
     * token, which has no such time.
     */
    public double tpot() {
        return outputTokens > 1 ? (latency - ttft()) / (outputTokens - 1) : Double.NaN;
    }
}
