package dev.sovereign.gateway.usage;

/** Aggregated usage of one tenant and model over a time range ({@code GET /admin/usage}). */
public record UsageTotals(String tenant, String model, long requests, long inputTokens, long cachedInputTokens,
                          long outputTokens, double costUsd) {
}
