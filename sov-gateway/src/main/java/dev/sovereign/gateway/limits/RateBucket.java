package dev.sovereign.gateway.limits;

/**
 * A token bucket refilled continuously at {@code perMinute / 60} per second up to
 * {@code perMinute}. Not thread-safe: its {@link Scope} holds the lock.
 */
final class RateBucket {

    private final double capacity;
    private final double perNano;
    private double level;
    private long updatedNanos;

    RateBucket(long perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.level = perMinute;
        this.updatedNanos = nowNanos;
    }

    private void refill(long nowNanos) {
        level = Math.min(capacity, level + (nowNanos - updatedNanos) * perNano);
        updatedNanos = nowNanos;
    }

    /** Whether {@code amount} could be taken now (a bucket in debt admits nothing). */
    boolean has(double amount, long nowNanos) {
        refill(nowNanos);
        return level >= amount;
    }

    void take(double amount) {
        level -= amount;
    }

    /** Seconds until {@code amount} is available again. */
    long secondsUntil(double amount) {
        return (long) Math.ceil(Math.max(0, amount - level) / perNano / 1e9);
    }
}
