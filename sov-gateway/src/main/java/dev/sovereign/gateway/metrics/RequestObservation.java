package dev.sovereign.gateway.metrics;

/**
 * What one finished request contributes to the metrics. {@code errorType} is null on success;
 * {@code timeToFirstTokenSeconds} is negative when no token came (embeddings, errors).
 */
public record RequestObservation(String operation, String provider, String requestModel, String responseModel,
                                 String tenant, String errorType, double durationSeconds, double timeToFirstTokenSeconds,
                                 long inputTokens, long cachedInputTokens, long outputTokens, double overheadSeconds) {
}
