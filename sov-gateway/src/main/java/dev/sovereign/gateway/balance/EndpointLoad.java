package dev.sovereign.gateway.balance;

/**
 * The load of one replica as its vLLM {@code /metrics} last reported it:
 * {@code vllm:num_requests_waiting}, {@code vllm:num_requests_running} and
 * {@code vllm:kv_cache_usage_perc} (0..1).
 */
public record EndpointLoad(double waiting, double running, double kvCacheUsage, long scrapedAtNanos) {

    public static final EndpointLoad UNKNOWN = new EndpointLoad(0, 0, 0, Long.MIN_VALUE);

    /** Loads older than this are not trusted: the picker falls back to round-robin. */
    static final long STALE_AFTER_NANOS = 1_000_000_000L;

    public boolean freshAt(long nowNanos) {
        return scrapedAtNanos != Long.MIN_VALUE && nowNanos - scrapedAtNanos < STALE_AFTER_NANOS;
    }
}
