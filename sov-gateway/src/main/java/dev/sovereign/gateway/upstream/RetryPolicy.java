package dev.sovereign.gateway.upstream;

import java.time.Duration;

/**
 * How long to wait before sending a request again to a backend that answered 429 or 503 (it did
 * not take the request): a doubling backoff from {@link #FIRST}, or the backend's Retry-After,
 * never more than {@link #LONGEST}, at most {@link #RETRIES} times. The bound keeps a busy backend
 * from holding a client for long; the request then moves on to the route's next target.
 */
public record RetryPolicy(int retries, Duration first, Duration longest) {

    public static final int RETRIES = 2;
    public static final Duration FIRST = Duration.ofMillis(100);
    public static final Duration LONGEST = Duration.ofSeconds(1);
    public static final RetryPolicy DEFAULT = new RetryPolicy(RETRIES, FIRST, LONGEST);

    /** The wait before retry number {@code retry} (0-based), honouring the backend's Retry-After up to the bound. */
    public Duration delay(int retry, Long retryAfterSeconds) {
        Duration backoff = first.multipliedBy(1L << Math.min(retry, 16));
        Duration wanted = retryAfterSeconds != null && retryAfterSeconds > 0 ? Duration.ofSeconds(retryAfterSeconds) : backoff;
        return wanted.compareTo(longest) > 0 ? longest : wanted;
    }
}
