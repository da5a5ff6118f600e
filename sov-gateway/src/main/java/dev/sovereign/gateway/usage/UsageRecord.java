package dev.sovereign.gateway.usage;

import java.time.Instant;

/** One served request as the ledger keeps it; tokens as the backend reported them. */
public record UsageRecord(Instant at, String tenant, String keyId, String model, String upstreamModel, String backend,
                          String operation, int status, long inputTokens, long cachedInputTokens, long outputTokens,
                          double costUsd, long durationMs) {
}
